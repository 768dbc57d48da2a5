/** rules/libraries/evalRunners.json: test runners the eval fix writes for, the API key variables evals are gated on, sample inputs. */
import files from "rules:all";
import { z } from "zod";
import { parseJsonFile } from "../../../catalog/load";

const Pattern = z.string().refine((s) => {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}, "not a valid regular expression");

export const RUNNER_IDS = ["evalite", "vitest", "jest", "bun:test", "mocha", "node:test"] as const;
export type RunnerId = (typeof RUNNER_IDS)[number];

const EnvVars = z.array(z.string().regex(/^[A-Z][A-Z0-9_]*$/)).min(1);
const Words = z.array(z.string().regex(/^[a-z]+$/)).min(1);

export const EvalRunners = z.strictObject({
  /** In order of preference when a workspace has several (evalite builds on vitest: its eval wins). */
  runners: z.array(
    z.strictObject({
      id: z.enum(RUNNER_IDS),
      /** Dependencies of the nearest package.json that mean the runner is in use. */
      packages: z.array(z.string()),
      /** Modules existing test files import from when they use the runner. */
      imports: z.array(z.string()).min(1),
      /** Patterns on the package.json `scripts` that run it. */
      scripts: z.array(Pattern),
      why: z.string(),
      source: z.url(),
    }),
  ),
  /** Where SDKs read credentials: an eval runs only when one of the variables is set. */
  apiKeys: z.strictObject({
    /** By catalog provider id (rules/providers/<id>.json). */
    providers: z.record(z.string(), EnvVars),
    /** By the package that builds the model or client, for frameworks over several providers (AI SDK, LangChain). */
    packages: z.record(z.string(), EnvVars),
    /** AI SDK models named by a `provider/model` string go through the Vercel AI Gateway. */
    gateway: EnvVars,
    /** Gates evals whose provider needs no key (a local server): they run only when the user opts in. */
    optIn: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
    why: z.string(),
    source: z.url(),
  }),
  /** Inputs written for parameters, chosen by the words of the parameter's name (`customerMessage` → message). */
  samples: z.strictObject({
    strings: z.array(z.strictObject({ words: Words, value: z.string().min(1) })),
    defaultString: z.string().min(1),
    numbers: z.array(z.strictObject({ words: Words, value: z.number() })),
    defaultNumber: z.number(),
  }),
});
export type EvalRunners = z.infer<typeof EvalRunners>;

const FILE = "libraries/evalRunners.json";
let bundled: EvalRunners | undefined;

/** The bundled data (parsed once; a malformed file throws a CatalogError naming file and line). */
export function evalRunners(texts: Record<string, string> = files): EvalRunners {
  if (texts !== files) return parseJsonFile(`rules/${FILE}`, texts[FILE] ?? "", EvalRunners);
  return (bundled ??= parseJsonFile(`rules/${FILE}`, files[FILE] ?? "", EvalRunners));
}
