/**
 * rules/prices/<provider>.json: token prices per model, with the context window and the default
 * output limit, each entry with its source and the date it was read (or a note saying the figure is
 * from knowledge). Validated with zod when loaded; test/core/prices.test.ts fails on entries older
 * than a year and on providers of the catalog without a file.
 */
import files from "rules:all";
import { z } from "zod";
import { CatalogError, parseJsonFile } from "./load";

export const PriceEntry = z
  .strictObject({
    /** The model id, matched exactly or as the start of a dated or versioned id (`gpt-4o-mini-2024-07-18`); `*`: every model. */
    model: z.string().min(1),
    /** USD per million input tokens. */
    input: z.number().min(0),
    /** USD per million output tokens. */
    output: z.number().min(0),
    /** The context window, in tokens. */
    contextWindow: z.int().min(0),
    /** How many tokens an answer can have when the request sets no cap (the model's output limit). */
    defaultOutput: z.int().min(0),
    /** Only `embedding` entries are priced for embedding calls, and only chat entries for chat calls. */
    kind: z.enum(["chat", "embedding"]).default("chat"),
    source: z.url(),
    /** The day the figures were read at `source` (YYYY-MM-DD); absent when they come from knowledge (then `note` says so). */
    read: z.iso.date().optional(),
    note: z.string().optional(),
  })
  .refine((e) => e.read !== undefined || (e.note !== undefined && /knowledge/i.test(e.note)), { message: "an entry without `read` needs a `note` saying the figures are from knowledge", path: ["read"] });
export type PriceEntry = z.infer<typeof PriceEntry>;

export const PriceFile = z.strictObject({
  $schema: z.string().optional(),
  /** The catalog provider id (rules/providers/<id>.json); the file is named after it. */
  provider: z.string().regex(/^[a-z0-9-]+$/),
  /** Priced from another provider's file by model id (`*`: whichever vendor's file has the model). */
  pricedAs: z.string().optional(),
  models: z.array(PriceEntry),
  /** Why calls of this provider have no per-call price (billed per instance-hour, a router). */
  why: z.string().optional(),
  /** Per kind of site, why it is not priced per token (images, audio). */
  unpriced: z.partialRecord(z.enum(["chat", "embedding", "other-model"]), z.string()).default({}),
});
export type PriceFile = z.infer<typeof PriceFile>;

let bundled: PriceFile[] | undefined;

/** Every rules/prices/*.json, parsed (a malformed file throws a CatalogError naming file, line and field). */
export function loadPrices(texts: Record<string, string> = files): PriceFile[] {
  if (texts === files && bundled) return bundled;
  const out: PriceFile[] = [];
  for (const [name, text] of Object.entries(texts).sort(([a], [b]) => a.localeCompare(b))) {
    if (!/^prices\/[^/]+\.json$/.test(name)) continue;
    const p = parseJsonFile(`rules/${name}`, text, PriceFile);
    if (`prices/${p.provider}.json` !== name) throw new CatalogError(`rules/${name}:1: provider: must match the file name (got "${p.provider}")`);
    out.push(p);
  }
  if (texts === files) bundled = out;
  return out;
}
