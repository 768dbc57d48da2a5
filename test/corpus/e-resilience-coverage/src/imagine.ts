import { renderRequest } from "./render";

export async function onImagine(prompt: string, reply: (msg: string | { files: Buffer[] }) => Promise<void>) {
  try {
    const out = await renderRequest("/sdapi/v1/txt2img", { prompt, steps: 20, width: 512, height: 512 });
    await reply({ files: out.images.map((b64: string) => Buffer.from(b64, "base64")) });
  } catch (error) {
    console.error(error);
    await reply("Error, check the logs");
  }
}
