/** Wire types of the gateway API. */
export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface ChatResult {
  vendor: string;
  text: string;
}

export class GatewayError extends Error {
  constructor(
    readonly vendor: string,
    readonly status: number,
    detail: string,
  ) {
    super(`${vendor} upstream error ${status}: ${detail.slice(0, 300)}`);
  }
}
