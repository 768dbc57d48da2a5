const MISTRAL_URL = "https://api.mistral.ai/v1/chat/completions";

interface ChatEnvelope {
  choices: { message: { content: string } }[];
  usage?: { total_tokens: number };
}

/** Plain fetch to Mistral; the JSON envelope is parsed, the answer itself is used as text. */
export async function commitMessage(diff: string, init: { signal?: AbortSignal } = {}): Promise<string> {
  const res = await fetch(MISTRAL_URL, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${process.env.MISTRAL_API_KEY}` },
    body: JSON.stringify({ model: "mistral-small-latest", messages: [{ role: "user", content: `Commit message for:\n${diff.slice(0, 12_000)}` }] }),
    ...init,
  });
  if (!res.ok) {
    const body = (await res.json()) as { message?: string };
    throw new Error(`mistral ${res.status}: ${body.message ?? "unknown error"}`);
  }
  const data = (await res.json()) as ChatEnvelope;
  return data.choices[0]?.message.content.trim() ?? "";
}
