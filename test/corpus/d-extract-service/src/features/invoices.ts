import { extract } from "../lib/structured";

const INVOICE_SCHEMA = {
  type: "object",
  properties: { total: { type: "number" }, currency: { type: "string" }, dueDate: { type: "string" } },
  required: ["total", "currency"],
} as const;

export async function readInvoice(pdfText: string): Promise<{ total: number; currency: string }> {
  const data = (await extract({ prompt: "Read the invoice totals.", document: pdfText, schema: INVOICE_SCHEMA, retries: 2 })) as {
    total: number;
    currency: string;
  };
  return { total: data.total, currency: data.currency.toUpperCase() };
}

export async function guessFields(pdfText: string): Promise<string[]> {
  const raw = (await extract({ prompt: 'List the field names this document has, as {"fields": [...]}.', document: pdfText })) as { fields: string[] };
  return raw.fields.map((f) => f.trim().toLowerCase());
}
