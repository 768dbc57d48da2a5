// Removes personal data before anything is sent to a hosted model.
import { RunnableLambda } from "@langchain/core/runnables";

const EMAIL = /[\w.+-]+@[\w-]+\.[\w.]+/g;
const PHONE = /\+?\d[\d\s().-]{7,}\d/g;

export const redactor = RunnableLambda.from((text: string) =>
  text.replace(EMAIL, "[email]").replace(PHONE, "[phone]"),
);

export async function redact(text: string): Promise<string> {
  return redactor.invoke(text);
}
