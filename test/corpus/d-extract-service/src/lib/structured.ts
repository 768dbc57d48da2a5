import { generateObject, generateText, jsonSchema, type JSONSchema7 } from "ai";
import { openai } from "@ai-sdk/openai";
import { tracingFor } from "./tracing";

export interface ExtractOptions {
  prompt: string;
  document: string;
  schema?: JSONSchema7;
  retries?: number;
}

/** Extraction with an optional JSON schema; asks again `retries` times when the request fails. */
export async function extract({ prompt, document, schema, retries = 0 }: ExtractOptions): Promise<unknown> {
  const telemetry = tracingFor("extract");
  const config = {
    model: openai("gpt-4o-mini"),
    prompt: `${prompt}\n\n${document.slice(0, 24_000)}`,
    abortSignal: AbortSignal.timeout(45_000),
    ...(schema && { schema: jsonSchema(schema) }),
    ...(!schema && { output: "no-schema" as const }),
    ...(telemetry && { experimental_telemetry: telemetry }),
    experimental_repairText: async ({ text }: { text: string }) => {
      const { text: repaired } = await generateText({
        model: openai("gpt-4o-mini"),
        prompt: `Return this as valid JSON and nothing else:\n${text.slice(0, 8_000)}`,
        abortSignal: AbortSignal.timeout(15_000),
        maxRetries: 0,
      });
      return repaired;
    },
  };
  try {
    const { object } = await generateObject(config);
    return object;
  } catch (err) {
    if (retries > 0) {
      console.warn(`extraction failed, ${retries} retries left`, err);
      return extract({ prompt, document, schema, retries: retries - 1 });
    }
    throw err;
  }
}
