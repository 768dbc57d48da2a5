import axios from "axios";

/** The base URL is a closure variable of the factory: an environment variable with a default. */
export function createTogether(baseUrl = process.env.TOGETHER_BASE_URL ?? "https://api.together.xyz/v1") {
  const http = axios.create({ baseURL: baseUrl, headers: { Authorization: `Bearer ${process.env.TOGETHER_API_KEY}` } });
  return {
    async complete(prompt: string) {
      const res = await http.post("/chat/completions", {
        model: "meta-llama/Llama-3.3-70B-Instruct-Turbo",
        messages: [{ role: "user", content: prompt }],
      });
      return res.data.choices[0].message.content as string;
    },
  };
}

const together = createTogether();

export async function haiku(topic: string) {
  const text = await together.complete(`A haiku about ${topic}`);
  console.log(text);
}
