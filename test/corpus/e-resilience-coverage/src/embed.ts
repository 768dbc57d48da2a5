import axios from "axios";

const MAX_ATTEMPTS = 3;

export async function embedAll(texts: string[]) {
  const vectors: number[][] = [];
  let attempt = 0;
  while (attempt < MAX_ATTEMPTS) {
    try {
      const res = await axios.post("https://api.voyageai.com/v1/embeddings", { model: "voyage-3", input: texts });
      return res.data.data.map((d: { embedding: number[] }) => d.embedding);
    } catch (error: any) {
      console.error("embedding request failed", error.message);
      if (error.response?.status === 402 || /insufficient balance/i.test(error.message)) {
        return [];
      }
      if (attempt === MAX_ATTEMPTS - 1) {
        for (let i = 0; i < texts.length; i++) vectors[i] = new Array(1024).fill(0);
      }
      attempt++;
      if (attempt < MAX_ATTEMPTS) {
        await new Promise((r) => setTimeout(r, 500 * attempt));
      } else {
        throw error;
      }
    }
  }
  return vectors;
}
