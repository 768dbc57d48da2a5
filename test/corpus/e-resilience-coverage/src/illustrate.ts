import { GoogleGenAI } from "@google/genai";

const genai = new GoogleGenAI({ apiKey: process.env.GEMINI_API_KEY });

export async function illustrate(prompt: string, references: { inlineData: { data: string; mimeType: string } }[]) {
  const parts = [{ text: prompt }, ...references];
  const generate = (input: typeof parts) =>
    genai.models.generateContent({ model: "gemini-2.5-flash-image", contents: [{ role: "user", parts: input }] });

  const response = await generate(parts).catch(async (error) => {
    const message = error instanceof Error ? error.message : String(error);
    const rejectedImage = message.includes("INVALID_ARGUMENT");
    if (references.length && rejectedImage) {
      console.warn("reference images rejected, trying text only");
      return generate([{ text: prompt }]);
    }
    throw error;
  });
  return response.candidates?.[0]?.content?.parts?.find((p) => p.inlineData)?.inlineData;
}
