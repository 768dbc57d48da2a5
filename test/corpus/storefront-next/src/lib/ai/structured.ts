/** Our generateObject: the AI SDK's, with a deadline, one retry and usage logging. */
import { generateObject as aiGenerateObject } from "ai";
import type { z } from "zod";
import { cheapModel } from "./models";
import { logger } from "@/lib/logger";

export async function generateObject<T>(
  schema: z.ZodType<T>,
  prompt: string,
  opts: { timeoutMs?: number } = {},
): Promise<T> {
  const { object, usage } = await aiGenerateObject({
    model: cheapModel,
    schema,
    prompt,
    abortSignal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
    maxRetries: 1,
  });
  logger.info({ usage }, "generateObject");
  return object;
}
