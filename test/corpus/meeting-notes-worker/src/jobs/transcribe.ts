/** Speech to text for uploaded recordings. */
import fs from "node:fs";
import retry from "async-retry";
import { openai } from "../clients.js";

export async function transcribeRecording(path: string): Promise<string> {
  return retry(
    async () => {
      const transcription = await openai.audio.transcriptions.create({
        file: fs.createReadStream(path),
        model: "gpt-4o-mini-transcribe",
      });
      return transcription.text;
    },
    { retries: 4, minTimeout: 2_000 },
  );
}
