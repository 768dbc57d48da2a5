// Voice notes and illustrations for how-to articles.
import { aoai, DEPLOYMENTS } from "./azure";

export async function transcribeVoiceNote(audio: Uint8Array): Promise<string> {
  const { text } = await aoai.getAudioTranscription(DEPLOYMENTS.whisper, audio);
  return text;
}

export async function illustrate(articleTitle: string): Promise<string | undefined> {
  const result = await aoai.getImages(DEPLOYMENTS.image, `Friendly flat illustration for an IT how-to: ${articleTitle}`, {
    n: 1,
    size: "1792x1024",
    quality: "standard",
  });
  return result.data[0]?.url;
}
