// Pulls the models devmate needs and checks that chat works. Run once after installing.
const { Ollama } = require("ollama");

const client = new Ollama({ host: process.env.OLLAMA_HOST || "http://127.0.0.1:11434" });
const MODELS = ["qwen2.5-coder:14b", "qwen2.5-coder:7b", "llama3.2", "nomic-embed-text"];

async function main() {
  const { models } = await client.list();
  const have = new Set(models.map((m) => m.name));
  for (const model of MODELS) {
    if (have.has(model) || have.has(`${model}:latest`)) continue;
    console.log(`pulling ${model}…`);
    await client.pull({ model });
  }
  const info = await client.show({ model: "llama3.2" });
  console.log(`llama3.2 context: ${info.model_info["llama.context_length"]}`);

  try {
    const res = await client.chat({ model: "llama3.2", messages: [{ role: "user", content: "Reply with OK." }] });
    console.log(`chat ok: ${res.message.content.trim()}`);
  } catch (err) {
    console.error("chat smoke test failed:", err.message);
    process.exitCode = 1;
  }
}

main();
