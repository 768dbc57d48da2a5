/** Nightly re-summarization of old meetings through the Batch API (half price, 24 h window). */
import fs from "node:fs";
import { openai } from "./clients.js";

export async function submitResummarizeBatch(jsonlPath: string): Promise<string> {
  const file = await openai.files.create({ file: fs.createReadStream(jsonlPath), purpose: "batch" });
  const batch = await openai.batches.create({
    input_file_id: file.id,
    endpoint: "/v1/responses",
    completion_window: "24h",
  });
  return batch.id;
}
