import Anthropic from "@anthropic-ai/sdk";

const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

export interface TicketMessage {
  author: string;
  body: string;
  sentAt: string;
}

/** A short summary of a ticket thread for the agent who picks it up. */
export async function summarizeThread(messages: TicketMessage[]): Promise<string> {
  const transcript = messages.map((m) => `[${m.sentAt}] ${m.author}: ${m.body}`).join("\n");

  const response = await anthropic.messages.create({
    model: "claude-sonnet-4-5",
    max_tokens: 400,
    system: "Summarize this support thread in at most five bullet points: the problem, what was tried, and what the customer is waiting for.",
    messages: [{ role: "user", content: transcript }],
  });

  console.info(`summarize: ${response.usage.input_tokens} in / ${response.usage.output_tokens} out`);
  return response.content
    .filter((block) => block.type === "text")
    .map((block) => block.text)
    .join("\n");
}
