/** A generic SSE helper: streams text to the caller and runs the tools the model asks for. */
const FIRST_BYTE_TIMEOUT_MS = 30_000;

export interface PendingCall {
  id: string;
  function: { name: string; arguments: string };
}

export type ToolTable = Record<string, (args: Record<string, unknown>) => Promise<string>>;

export async function streamWithTools(
  url: string,
  payload: unknown,
  controller: AbortController,
  tools: ToolTable,
  onText: (text: string) => void,
): Promise<void> {
  const toolCalls: PendingCall[] = [];
  const firstByte = setTimeout(() => controller.abort(), FIRST_BYTE_TIMEOUT_MS);
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${process.env.OPENAI_API_KEY}` },
    body: JSON.stringify(payload),
    signal: controller.signal,
  });
  clearTimeout(firstByte);
  const decoder = new TextDecoder();
  for await (const bytes of res.body as unknown as AsyncIterable<Uint8Array>) {
    for (const line of decoder.decode(bytes).split("\n")) {
      if (!line.startsWith("data: ") || line === "data: [DONE]") continue;
      const delta = JSON.parse(line.slice(6)).choices?.[0]?.delta;
      if (delta?.tool_calls) toolCalls.push(...delta.tool_calls);
      if (delta?.content) onText(delta.content);
    }
  }
  for (const call of toolCalls) {
    const result = await tools[call.function.name]?.(call.function.arguments ? JSON.parse(call.function.arguments) : {});
    onText(`\n[${call.function.name}] ${result ?? "unknown tool"}\n`);
  }
}
