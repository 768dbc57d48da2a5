/** Starts a fine-tuning run for the title model from curated examples. */
import fs from "node:fs";
import OpenAI from "openai";

const client = new OpenAI();

const training = await client.files.create({ file: fs.createReadStream("data/titles.jsonl"), purpose: "fine-tune" });
const job = await client.fineTuning.jobs.create({ model: "gpt-4.1-nano-2025-04-14", training_file: training.id });
console.log(`fine-tune job ${job.id} queued`);
