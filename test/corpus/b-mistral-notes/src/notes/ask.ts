// "Ask the meeting": streams an answer grounded in the stored notes.
import { llm } from "../clients";

export async function* askAboutMeeting(notes: string, question: string): AsyncGenerator<string> {
  const stream = await llm.chat.stream(
    {
      model: "mistral-large-latest",
      messages: [
        { role: "system", content: `Answer from these meeting notes only:\n${notes}` },
        { role: "user", content: question },
      ],
    },
    { timeoutMs: 120_000 },
  );
  for await (const event of stream) {
    const delta = event.data.choices[0]?.delta.content;
    if (typeof delta === "string") yield delta;
  }
}
