// Translates show notes for the Spanish and German feeds, streaming into a buffer.
import { together } from "../clients";

export async function translateNotes(notes: string, language: "es" | "de"): Promise<string> {
  const stream = await together.chat.completions.create(
    {
      model: "Qwen/Qwen2.5-72B-Instruct-Turbo",
      stream: true,
      messages: [
        { role: "system", content: `Translate this markdown into ${language === "es" ? "Spanish" : "German"}. Keep links and formatting.` },
        { role: "user", content: notes },
      ],
    },
    { signal: AbortSignal.timeout(120_000) },
  );
  let out = "";
  for await (const chunk of stream) out += chunk.choices[0]?.delta?.content ?? "";
  return out;
}
