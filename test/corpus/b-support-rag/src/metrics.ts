// In-process counters scraped by /metrics.
const counters = new Map<string, number>();

export const metrics = {
  increment(name: string, by = 1) {
    counters.set(name, (counters.get(name) ?? 0) + by);
  },
  recordTokens(input: number, output: number) {
    metrics.increment("llm_input_tokens", input);
    metrics.increment("llm_output_tokens", output);
  },
  snapshot(): Record<string, number> {
    return Object.fromEntries(counters);
  },
};
