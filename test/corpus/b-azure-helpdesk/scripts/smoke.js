// Post-deploy smoke test: every deployment answers. Exit code 1 on failure.
const { OpenAIClient, AzureKeyCredential } = require("@azure/openai");

const client = new OpenAIClient(process.env.AZURE_OPENAI_ENDPOINT, new AzureKeyCredential(process.env.AZURE_OPENAI_KEY));

async function main() {
  const chat = await client.getChatCompletions(
    "gpt-4o-helpdesk",
    [{ role: "user", content: "Say OK." }],
    { maxTokens: 5, abortSignal: AbortSignal.timeout(15000) },
  );
  console.log("chat:", chat.choices[0].message.content);

  const emb = await client.getEmbeddings("text-embedding-3-large", ["ping"]);
  console.log("embeddings:", emb.data[0].embedding.length, "dims");
}

main().catch((err) => {
  console.error("smoke test failed:", err.message);
  process.exit(1);
});
