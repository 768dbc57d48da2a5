/** One LLM call's token usage, for cost reports. */
import mongoose from "mongoose";

const usageEventSchema = new mongoose.Schema({
  feature: { type: String, required: true, index: true },
  model: String,
  promptTokens: Number,
  completionTokens: Number,
  at: { type: Date, default: Date.now },
});

export const UsageEvent = mongoose.model("UsageEvent", usageEventSchema);
