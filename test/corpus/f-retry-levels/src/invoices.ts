import { generateObject, generateText } from "ai";
import { openai } from "@ai-sdk/openai";
import { z } from "zod";

const Invoice = z.object({ vendor: z.string(), total: z.number(), currency: z.string() });

const fixer = {
  experimental_repairText: async ({ text }: { text: string }) => {
    try {
      const res = await generateText({ model: openai("gpt-4o-mini"), prompt: `Return this as valid JSON only:\n${text}` });
      return res.text;
    } catch (err) {
      console.error("invoice repair failed", err);
      throw err;
    }
  },
};

export async function readInvoice(scan: string) {
  const request = { model: openai("gpt-4o"), schema: Invoice, prompt: `Read the invoice:\n${scan}`, ...fixer };
  try {
    const { object } = await generateObject(request);
    return object;
  } catch (err) {
    console.warn("invoice: trying the small model", err);
    const { object } = await generateObject({ ...request, model: openai("gpt-4o-mini") });
    return object;
  }
}
