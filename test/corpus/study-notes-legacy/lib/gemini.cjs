/** Shared Gemini handles (legacy @google/generative-ai SDK). */
const { GoogleGenerativeAI } = require("@google/generative-ai");

const genAI = new GoogleGenerativeAI(process.env.GOOGLE_API_KEY);

// Summaries must come back quickly; the tutor and quiz models are created where they are used.
const flash = genAI.getGenerativeModel({ model: "gemini-1.5-flash" }, { timeout: 15000 });

module.exports = { genAI, flash };
