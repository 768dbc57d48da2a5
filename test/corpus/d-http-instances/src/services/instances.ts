import { groqHttp, mistralHttp, openaiHttp } from "../http/clients.js";

type Completion = { choices: { message: { content: string } }[] };

export async function rewrite(text: string) {
  const res = await openaiHttp.post<Completion>("/chat/completions", {
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: `Rewrite clearly:\n${text}` }],
  });
  console.log(res.data.choices[0]?.message.content ?? text);
}

export async function tagline(product: string) {
  const out = await groqHttp
    .post("chat/completions", { json: { model: "llama-3.1-8b-instant", messages: [{ role: "user", content: `A tagline for ${product}` }] } })
    .json<Completion>();
  console.log(out.choices[0]?.message.content ?? "");
}

export async function keywords(text: string) {
  const out = await mistralHttp
    .post("chat/completions", { json: { model: "mistral-small-latest", messages: [{ role: "user", content: `Keywords for: ${text}` }] } })
    .json<Completion>();
  console.log(out.choices[0]?.message.content ?? "");
}

export async function listModels() {
  const res = await openaiHttp.get("/models");
  return res.data;
}
