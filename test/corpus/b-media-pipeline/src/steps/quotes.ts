// Streams pull-quote candidates to the producer's live preview.
import { fastGroq } from "../clients";

export async function streamPullQuotes(transcript: string, onText: (t: string) => void): Promise<void> {
  const stream = await fastGroq.chat.completions.create({
    model: "llama-3.1-8b-instant",
    stream: true,
    messages: [
      { role: "system", content: "Pick the five most quotable sentences, one per line, verbatim." },
      { role: "user", content: transcript.slice(0, 40_000) },
    ],
  });
  for await (const chunk of stream) {
    onText(chunk.choices[0]?.delta?.content ?? "");
  }
}
