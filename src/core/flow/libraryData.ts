/** rules/libraries/*.json: what structured outputs, validators, JSON parsers and fallback helpers look like, parsed at load. */
import files from "rules:all";
import { z } from "zod";
import { parseJsonFile } from "../catalog/load";

const Source = z.url();

/** rules/libraries/validation.json (see rules/docs/validation.md). */
export const ValidationLibraries = z.strictObject({
  /** Per provider: what in a request (or on the runnable) makes the answer checked against a schema. */
  structuredOutputs: z.array(
    z.strictObject({
      provider: z.string(),
      /** SDK methods (member path from the client, or the export name) that parse the answer against the request's schema. */
      methods: z.array(z.string()).default([]),
      /** When set, `methods` count only when the request has this key (`generateObject({ schema })`). */
      methodKey: z.string().optional(),
      /** Calls anywhere in the request that carry a schema (`zodResponseFormat(...)`, `Output.object(...)`). */
      helpers: z.array(z.string()).default([]),
      /** Property keys anywhere in the request whose presence means a schema is sent. */
      keys: z.array(z.string()).default([]),
      /**
       * Keys that give tools a schema the SDK checks their arguments against: the call is `schema`,
       * but the text it returns is judged by whoever uses it (a wrapper's caller).
       */
      toolKeys: z.array(z.string()).default([]),
      /** A key whose value is a string literal (`format: "json"`) carries no schema. */
      keysNotString: z.boolean().default(false),
      /** Methods or constructors in the runnable's construction that check the answer (`withStructuredOutput`). */
      runnables: z.array(z.string()).default([]),
      /** Agent constructors: given `tools`, the framework checks tool arguments against the tools' schemas. */
      agents: z.array(z.string()).default([]),
      /** Runnables that parse the answer as JSON without a schema (LangChain `JsonOutputParser`): a parse, guarded or not. */
      jsonParsers: z.array(z.string()).default([]),
      why: z.string(),
      source: Source,
    }),
  ),
  /** Schema libraries: a call of one of `methods` on a schema from these packages validates its argument. */
  validators: z.strictObject({
    packages: z.array(z.string()),
    methods: z.array(z.string()),
    /** `ajv.compile(schema)` returns a validating function. */
    compilers: z.array(z.string()),
    source: Source,
  }),
  /** Functions that turn model text into data (a parse with no shape check). */
  jsonParsers: z.strictObject({
    globals: z.array(z.string()),
    packages: z.array(z.string()),
    source: Source,
  }),
  /** Tool-call arguments read as data: keys that hold objects, per provider (`*`: any); stream deltas are text fragments. */
  toolArguments: z.strictObject({
    objects: z.array(z.strictObject({ provider: z.string(), keys: z.array(z.string()) })),
    streamMarkers: z.array(z.string()),
    why: z.string(),
    source: Source,
  }),
  /** `other-model` methods whose output is text (transcription), judged like chat answers. */
  textOutputs: z.strictObject({ methods: z.array(z.string()), why: z.string(), source: Source }),
  /** Request options whose callback repairs the answer, which the SDK then checks against the schema (AI SDK `experimental_repairText`). */
  repairCallbacks: z.strictObject({ options: z.array(z.string()), why: z.string(), source: Source }),
  /** Raw HTTP endpoints of non-chat models whose JSON answer is data the code indexes (rerank), by URL part. */
  dataOutputs: z.strictObject({
    urls: z.array(z.string()),
    /** Request body keys that all together mark such a model (`{ query, documents }`), for generic invokes. */
    bodyKeys: z.array(z.array(z.string())).default([]),
    why: z.string(),
    source: Source,
  }),
  /** Generic invoke commands whose model type only the workspace's own helper names tell (a regex on those names). */
  genericInvoke: z.strictObject({ commands: z.array(z.string()), nonText: z.string(), why: z.string(), source: Source }),
});
export type ValidationLibraries = z.infer<typeof ValidationLibraries>;

/** rules/libraries/fallback.json (see rules/docs/fallback.md); helper libraries are in rules/checks/fallback.json `libraries`. */
export const FallbackLibraries = z.strictObject({
  /** Runnable methods that add a fallback (LangChain `withFallbacks`). */
  runnables: z.strictObject({ methods: z.array(z.string()), why: z.string(), source: Source }),
  /** Methods that register the fallback of a circuit breaker (opossum `.fallback(fn)`). */
  breakerFallback: z.strictObject({ methods: z.array(z.string()), why: z.string(), source: Source }),
  /** Methods, by catalog provider, that return a stream before the request fails, and the request options that are their error channel. */
  streamStarts: z.strictObject({ methods: z.record(z.string(), z.array(z.string())), errorChannels: z.array(z.string()), why: z.string(), source: Source }),
});
export type FallbackLibraries = z.infer<typeof FallbackLibraries>;

let validationData: ValidationLibraries | undefined;
let fallbackData: FallbackLibraries | undefined;

/** The bundled validation knowledge (parsed once; a malformed file throws a CatalogError naming file and line). */
export function validationLibraries(texts: Record<string, string> = files): ValidationLibraries {
  if (texts !== files) return parseJsonFile("rules/libraries/validation.json", texts["libraries/validation.json"] ?? "", ValidationLibraries);
  return (validationData ??= parseJsonFile("rules/libraries/validation.json", files["libraries/validation.json"] ?? "", ValidationLibraries));
}

/** The bundled fallback knowledge (parsed once). */
export function fallbackLibraries(texts: Record<string, string> = files): FallbackLibraries {
  if (texts !== files) return parseJsonFile("rules/libraries/fallback.json", texts["libraries/fallback.json"] ?? "", FallbackLibraries);
  return (fallbackData ??= parseJsonFile("rules/libraries/fallback.json", files["libraries/fallback.json"] ?? "", FallbackLibraries));
}

/** rules/libraries/context.json (see rules/docs/context.md): what bounds a prompt, and what makes one grow. */
export const ContextLibraries = z.strictObject({
  $schema: z.string().optional(),
  /** Token counters: packages whose exports count tokens, and method names that do (`countTokens`). */
  tokenCounters: z.strictObject({ packages: z.array(z.string()), methods: z.array(z.string()), why: z.string(), source: Source }),
  /** What cuts an input: functions (`trimMessages`), methods (`slice`), and a regex on the names of workspace helpers. */
  trimmers: z.strictObject({ packages: z.array(z.string()), functions: z.array(z.string()), methods: z.array(z.string()), names: z.string(), why: z.string(), source: Source }),
  /** Retrieval calls and the options that bound how many chunks come back. */
  retrieval: z.strictObject({ methods: z.array(z.string()), kKeys: z.array(z.string()), why: z.string(), source: Source }),
  /** Where growing inputs come from: request bodies, file reads, and a regex on the names of collections that grow. */
  growing: z.strictObject({ requestBodies: z.array(z.string()), fileReads: z.array(z.string()), historyNames: z.string(), why: z.string(), source: Source }),
  /** The cost estimate's allowance for each growing input, in tokens, and its characters-per-token rule. */
  allowance: z.strictObject({ perGrowingInput: z.int().min(0), charsPerToken: z.number().positive(), why: z.string(), source: Source }),
});
export type ContextLibraries = z.infer<typeof ContextLibraries>;

/** rules/libraries/limits.json (see rules/docs/limits.md): rate limiters, guards, authentication and public entries. */
export const LimitsLibraries = z.strictObject({
  $schema: z.string().optional(),
  rateLimiters: z.array(
    z.strictObject({
      name: z.string(),
      packages: z.array(z.string()).min(1),
      /** Exports that build a limiter (a middleware, or an object whose `methods` check a caller). */
      exports: z.array(z.string()).min(1),
      methods: z.array(z.string()),
      source: Source,
    }),
  ),
  /** Regex on the names of workspace helpers that check a per-caller limit or credit before the call. */
  guardNames: z.string(),
  /** Regex on the words of a condition that, when it returns or throws, is a counter or credit check. */
  guardWords: z.string(),
  /** Regex on names that authenticate a caller (mentioned in the evidence, never enough alone). */
  authNames: z.string(),
  entries: z.strictObject({
    httpMethods: z.array(z.string()),
    routerMethods: z.array(z.string()),
    procedureMethods: z.array(z.string()),
    botPackages: z.array(z.string()),
    botMethods: z.array(z.string()),
    queuePackages: z.array(z.string()),
    queueExports: z.array(z.string()),
    frameworkPackages: z.array(z.string()),
    why: z.string(),
    source: Source,
  }),
  why: z.string(),
  source: Source,
});
export type LimitsLibraries = z.infer<typeof LimitsLibraries>;

let contextData: ContextLibraries | undefined;
let limitsData: LimitsLibraries | undefined;

/** The bundled context knowledge (parsed once). */
export function contextLibraries(texts: Record<string, string> = files): ContextLibraries {
  if (texts !== files) return parseJsonFile("rules/libraries/context.json", texts["libraries/context.json"] ?? "", ContextLibraries);
  return (contextData ??= parseJsonFile("rules/libraries/context.json", files["libraries/context.json"] ?? "", ContextLibraries));
}

/** The bundled limits knowledge (parsed once). */
export function limitsLibraries(texts: Record<string, string> = files): LimitsLibraries {
  if (texts !== files) return parseJsonFile("rules/libraries/limits.json", texts["libraries/limits.json"] ?? "", LimitsLibraries);
  return (limitsData ??= parseJsonFile("rules/libraries/limits.json", files["libraries/limits.json"] ?? "", LimitsLibraries));
}
