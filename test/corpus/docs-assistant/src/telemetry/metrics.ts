/** OpenTelemetry instruments shared by the LLM layer. */
import { metrics as otel } from "@opentelemetry/api";

const meter = otel.getMeter("docs-assistant");

export const metrics = {
  tokens: meter.createCounter("llm.tokens", { description: "Input + output tokens billed by Anthropic" }),
  requests: meter.createCounter("llm.requests"),
};
