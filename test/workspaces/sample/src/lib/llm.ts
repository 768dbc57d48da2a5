import { openai, SUPPORT_MODEL } from "./openai";

export interface AskOptions {
  system?: string;
  maxTokens?: number;
  model?: string;
}

/** One-shot prompt → text, for the small jobs that don't need the full chat history. */
export async function askModel(prompt: string, options: AskOptions = {}): Promise<string> {
  const completion = await openai.chat.completions.create({
    model: options.model ?? SUPPORT_MODEL,
    max_tokens: options.maxTokens ?? 300,
    messages: [
      ...(options.system ? [{ role: "system" as const, content: options.system }] : []),
      { role: "user" as const, content: prompt },
    ],
  });

  if (completion.usage) {
    console.info(
      JSON.stringify({
        event: "llm_usage",
        model: completion.model,
        prompt_tokens: completion.usage.prompt_tokens,
        completion_tokens: completion.usage.completion_tokens,
      }),
    );
  }
  return completion.choices[0]?.message.content?.trim() ?? "";
}
