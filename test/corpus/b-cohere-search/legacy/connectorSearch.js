// Old v1 endpoint with the managed web-search connector. Still used by the Zendesk macro.
const { CohereClient } = require("cohere-ai");

const cohere = new CohereClient({ token: process.env.CO_API_KEY });

async function webAnswer(question) {
  const response = await cohere.chat(
    {
      model: "command-r",
      message: question,
      connectors: [{ id: "web-search" }],
    },
    { timeoutInSeconds: 20, maxRetries: 0 },
  );
  return {
    text: response.text,
    links: (response.documents || []).map((d) => d.url).filter(Boolean),
  };
}

module.exports = { webAnswer };
