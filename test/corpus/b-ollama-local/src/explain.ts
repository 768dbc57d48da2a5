// Streams a plain-language explanation of a stack trace to the terminal.
import ollama from "ollama";

export async function explainError(stackTrace: string, write: (s: string) => void): Promise<void> {
  const stream = await ollama.chat({
    model: "llama3.2",
    stream: true,
    messages: [
      { role: "system", content: "Explain the most likely cause of this error and one fix. Be brief." },
      { role: "user", content: stackTrace },
    ],
  });
  for await (const part of stream) write(part.message.content);
}
