import fs from "node:fs";
import { whisperClient } from "../clients";

export async function transcribeEpisode(audioPath: string): Promise<string> {
  const transcription = await whisperClient.audio.transcriptions.create({
    file: fs.createReadStream(audioPath),
    model: "whisper-large-v3-turbo",
    language: "en",
    response_format: "json",
  });
  return transcription.text;
}
