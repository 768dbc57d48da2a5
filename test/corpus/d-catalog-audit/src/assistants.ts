/** OpenAI helpers beyond create: streams, the Responses stream, assistant runs and their tool outputs. */
import OpenAI from "openai";

const openai = new OpenAI();

export async function streamReply(question: string) {
  const stream = openai.chat.completions.stream({ model: "gpt-4o-mini", messages: [{ role: "user", content: question }] });
  for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta?.content ?? "");
}

export async function streamResponse(question: string) {
  const stream = openai.responses.stream({ model: "gpt-4.1-mini", input: question });
  for await (const event of stream) if (event.type === "response.output_text.delta") process.stdout.write(event.delta);
}

export async function runThread(threadId: string, assistantId: string) {
  const run = openai.beta.threads.runs.stream(threadId, { assistant_id: assistantId });
  for await (const event of run) if (event.event === "thread.message.delta") process.stdout.write(JSON.stringify(event.data.delta));
}

export async function answerTools(threadId: string, runId: string, outputs: { tool_call_id: string; output: string }[]) {
  const run = openai.beta.threads.runs.submitToolOutputsStream(threadId, runId, { tool_outputs: outputs });
  for await (const event of run) if (event.event === "thread.message.delta") process.stdout.write(JSON.stringify(event.data.delta));
}
