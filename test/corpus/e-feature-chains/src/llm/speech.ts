import { openai } from "./client";

/** Voice note to text: a wrapper (the transcript is the result). */
export async function transcribe(audio: File): Promise<string> {
  const res = await openai.audio.transcriptions.create({ model: "whisper-1", file: audio });
  return res.text;
}
