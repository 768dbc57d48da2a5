/** Persists token usage per user and feature (billing dashboard). */
import type { LanguageModelUsage } from "ai";
import { db } from "@/lib/db";

export async function recordUsage(userId: string, feature: string, usage: LanguageModelUsage) {
  await db.aiUsage.create({
    data: {
      userId,
      feature,
      inputTokens: usage.inputTokens ?? 0,
      outputTokens: usage.outputTokens ?? 0,
    },
  });
}
