/** Note embeddings for "related notes"; the endpoint is documented at
 * https://generativelanguage.googleapis.com/v1beta/models/text-embedding-004:embedContent
 */
import { GoogleGenerativeAI } from "@google/generative-ai";

const genAI = new GoogleGenerativeAI(process.env.GOOGLE_API_KEY);
const embedder = genAI.getGenerativeModel({ model: "text-embedding-004" });

export async function embedNote(text) {
  const { embedding } = await embedder.embedContent(text);
  return embedding.values;
}

export async function embedNotes(texts) {
  const res = await embedder.batchEmbedContents({
    requests: texts.map((text) => ({ content: { role: "user", parts: [{ text }] } })),
  });
  return res.embeddings.map((e) => e.values);
}
