/** A generic request helper and an SSE helper; the endpoint comes from config and route constants. */
const ROUTES = { chat: "/v1/chat/completions", embed: "/v1/embeddings" } as const;
const config = { apiBase: process.env.OPENAI_BASE ?? "https://api.openai.com" };

async function request<T>(route: string, body: unknown): Promise<T> {
  const res = await fetch(`${config.apiBase}${route}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${process.env.OPENAI_API_KEY}` },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`request failed: ${res.status}`);
  return (await res.json()) as T;
}

async function streamSSE(url: string, body: unknown, onDelta: (text: string) => void) {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    for (const line of decoder.decode(value).split("\n")) {
      if (line.startsWith("data: ") && line !== "data: [DONE]") onDelta(JSON.parse(line.slice(6)).choices[0]?.delta?.content ?? "");
    }
  }
}

export async function indexNote(note: string) {
  const out = await request<{ data: { embedding: number[] }[] }>(ROUTES.embed, { model: "text-embedding-3-small", input: note });
  console.log(out.data.length);
}

export async function liveAnswer(question: string) {
  let text = "";
  await streamSSE(`${config.apiBase}${ROUTES.chat}`, { model: "gpt-4o-mini", stream: true, messages: [{ role: "user", content: question }] }, (d) => {
    text += d;
    process.stdout.write(d);
  });
  console.log(text.length);
}
