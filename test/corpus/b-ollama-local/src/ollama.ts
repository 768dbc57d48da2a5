// The shared Ollama client. ollama-js has no timeout of its own, so every request goes
// through a fetch that aborts after 90 s (or earlier if the caller aborts).
import { Ollama } from "ollama";

export function timeoutFetch(ms: number): typeof fetch {
  return (input, init) => {
    const signals = [AbortSignal.timeout(ms)];
    if (init?.signal) signals.push(init.signal);
    return fetch(input, { ...init, signal: AbortSignal.any(signals) });
  };
}

export const local = new Ollama({
  host: process.env.OLLAMA_HOST ?? "http://127.0.0.1:11434",
  fetch: timeoutFetch(90_000),
});

export const REVIEW_MODEL = process.env.DEVMATE_REVIEW_MODEL ?? "qwen2.5-coder:14b";
