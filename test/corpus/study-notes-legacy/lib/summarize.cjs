/** Bullet-point summaries of pasted lecture notes. */
const { flash } = require("./gemini.cjs");

async function summarizeNotes(text) {
  const result = await flash.generateContent(
    `Summarize these lecture notes as concise bullet points for revision:\n\n${text}`,
  );
  return result.response.text();
}

module.exports = { summarizeNotes };
