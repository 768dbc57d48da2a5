// Warms Groq's prompt cache for the digest system prompt before the morning run.
const OpenAI = require("openai");

const client = new OpenAI({ baseURL: "https://api.groq.com/openai/v1", apiKey: process.env.GROQ_API_KEY });

(async () => {
  const res = await client.chat.completions.create({
    model: "llama-3.3-70b-versatile",
    max_tokens: 1,
    messages: [
      { role: "system", content: "Summarize the article in 3 bullet points. Keep names and numbers exact." },
      { role: "user", content: "ping" },
    ],
  });
  console.log("warm:", res.id);
})();
