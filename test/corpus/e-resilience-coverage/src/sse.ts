import { fetchEventSource } from "@microsoft/fetch-event-source";

export interface StreamHandlers {
  onDelta(text: string): void;
  onDone(full: string): void;
  onError?(err: unknown): void;
}

/** Generic SSE helper: posts the payload to whatever chat URL it is given and feeds the deltas to the handlers. */
export function streamChat(url: string, payload: object, handlers: StreamHandlers, parse: (raw: string) => string | undefined) {
  let text = "";
  function open(target: string) {
    fetchEventSource(target, {
      method: "POST",
      body: JSON.stringify(payload),
      headers: { "Content-Type": "application/json" },
      onmessage(msg) {
        if (msg.data === "[DONE]") return handlers.onDone(text);
        try {
          const delta = parse(msg.data);
          if (delta) text += delta;
        } catch (e) {
          console.warn("skipping a chunk that does not parse", e);
        }
      },
      onerror(err) {
        handlers.onError?.(err);
        throw err;
      },
    });
  }
  const tools = Promise.resolve(handlers)
    .then((h) => h.onDelta(""))
    .catch(() => "");
  void tools;
  open(url);
}
