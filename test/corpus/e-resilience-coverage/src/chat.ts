import { streamChat } from "./sse";

export function askMistral(question: string, show: (t: string) => void) {
  streamChat(
    "https://api.mistral.ai/v1/chat/completions",
    { model: "mistral-small-latest", stream: true, messages: [{ role: "user", content: question }] },
    { onDelta: show, onDone: show, onError: (e) => show(`Error: ${String(e)}`) },
    (raw) => JSON.parse(raw).choices?.[0]?.delta?.content,
  );
}
