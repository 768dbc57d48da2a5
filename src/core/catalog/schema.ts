/** zod schemas of the provider catalog in rules/providers/*.json and rules/http.json (the SDK knowledge as data). */
import { z } from "zod";
import { CHECK_IDS } from "../types";

export const Kind = z.enum(["chat", "embedding", "other-model"]);

/**
 * What a name exported by an SDK, or a member path on one of its types, does.
 * Exactly the keys that apply are set; a member with none is only a stepping stone.
 */
export const Member = z
  .strictObject({
    /** Calling it sends a request: it is a call site of this kind. */
    site: Kind.optional(),
    /** `send(new XCommand(...))`: a site when the argument is one of these commands (AWS SDK style). */
    siteByCommand: z.record(z.string(), Kind).optional(),
    /** Calling it returns an instance of this type (factories, `withOptions`, `getGenerativeModel`). */
    returns: z.string().optional(),
    /** `new` on it gives an instance of this type (client classes). */
    constructs: z.string().optional(),
    /** The value itself is an instance of this type (a default client exported ready-made). */
    is: z.string().optional(),
    /**
     * Composes runnables (LangChain `pipe`, `RunnableSequence.from`, agents): when the receiver or
     * any argument runs a model, the result is an instance of this type (else of `returns`).
     */
    compose: z.string().optional(),
  })
  .refine((m) => !(m.site && m.siteByCommand), "set either site or siteByCommand, not both");
export type Member = z.infer<typeof Member>;

export const TypeDef = z.strictObject({
  /** Member paths (dotted, from the instance) → what calling or reading them does. */
  members: z.record(z.string(), Member),
  /** Instances of this type run a model (LangChain chat models and chains): composition keeps them. */
  runsModel: z.boolean().optional(),
});

export const Endpoint = z.strictObject({
  /** A regular expression tested against the URL, with unknown parts (variables) as `{}`. */
  url: z.string(),
  kind: Kind,
  /** Provider id when it differs from the file's (OpenAI-compatible paths on other hosts). */
  provider: z.string().optional(),
  /** The path is too generic alone: it counts only on a host of this vendor (rules/http.json hosts). */
  hostOnly: z.boolean().optional(),
  /**
   * The path is also a common route of web apps (`/api/chat`): a URL that names its host counts only on
   * a host of this vendor (by name, a `hosts` entry, or its port) or one that names the vendor
   * (`ollama.internal`); a URL whose host comes from config still counts.
   */
  appRoute: z.boolean().optional(),
});

/** Conditions under which a fix place applies (all that are given must hold). */
const FixWhen = {
  /** Only for calls of these methods or functions (the member or export called: `generateText`, `invoke`, `post`). */
  methods: z.array(z.string()).optional(),
  /** Only when the site's SDK comes from one of these packages (a provider may cover several). */
  packages: z.array(z.string()).optional(),
  /**
   * Only when the site's package.json declares the SDK package at this version or later (the lowest
   * version its range allows): an option newer SDKs added (AI SDK `timeout`, ai@6.0.14).
   */
  since: z.string().regex(/^\d+\.\d+\.\d+$/).optional(),
  /**
   * What the option bounds on a streaming call (timeout places): `chunk` the gap between chunks, `response-start`
   * the wait until the response starts (the SDK clears its timer once the headers arrive: the stream is never cut),
   * `total` the whole answer (it cuts a healthy stream that runs longer). `total` when absent.
   */
  stream: z.enum(["chunk", "response-start", "total"]).optional(),
};

/**
 * Where a quick-fix writes an option for an SDK or HTTP client (src/core/checks/timeout/fix.ts, retry/fix.ts),
 * tried in order. `value` is the code written, with `{ms}` and `{seconds}` (the timeout setting),
 * `{retries}` (the retry setting) and `{attempts}` (retries + 1) filled in.
 */
export const FixPlace = z.discriminatedUnion("on", [
  z.strictObject({
    /** An argument of the call: the request options (`create(body, { timeout })`), the request itself, `send`'s options. */
    on: z.literal("request"),
    /** The argument's index; the provider's `options.requestArg` when absent. */
    arg: z.number().int().min(0).optional(),
    /** Dotted path inside the argument (`config.httpOptions.timeout`). */
    path: z.string(),
    value: z.string(),
    ...FixWhen,
  }),
  z.strictObject({
    /** The client's construction (its `options.clientArg` argument): every call through that client gets it. */
    on: z.literal("client"),
    path: z.string(),
    value: z.string(),
    ...FixWhen,
  }),
  z.strictObject({
    /** A method called on the receiver before the call (`model.withRetry({ stopAfterAttempt: 4 }).invoke(...)`); `value` is its argument. */
    on: z.literal("receiver"),
    method: z.string(),
    value: z.string(),
    ...FixWhen,
  }),
]);
export type FixPlace = z.infer<typeof FixPlace>;

/** Per check, where its quick-fix writes the SDK's own option (empty: the fix wraps the call, or there is none). */
export const FixPlaces = z
  .strictObject({
    timeout: z.array(FixPlace).default([]),
    retry: z.array(FixPlace).default([]),
    /** Where the limits fix writes an output cap (`max_tokens: {maxTokens}`), the model's default output limit filled in. */
    limits: z.array(FixPlace).default([]),
  })
  .default({ timeout: [], retry: [], limits: [] });
export type FixPlaces = z.infer<typeof FixPlaces>;

export const Provider = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string(),
  /** npm module specifiers; a trailing `*` matches any subpath (`@langchain/*`). */
  packages: z.array(z.string()).min(1),
  /** The SDK's behaviour when nothing is configured, with where that is documented. */
  defaults: z.strictObject({
    /** Total request timeout in ms; null when the SDK has none (the request can hang forever). */
    timeoutMs: z.number().int().positive().nullable(),
    /** Retries after the first attempt, for 429/5xx/connection errors. */
    maxRetries: z.number().int().min(0),
    source: z.url(),
  }),
  /** Where options live on calls and constructors of this SDK. */
  options: z.strictObject({
    /**
     * Options that bound a request in time (client or request), as dotted paths into the option
     * object (`httpOptions.timeout`); a `new X({...})` between two steps is looked through
     * (`requestHandler: new NodeHttpHandler({ requestTimeout })`). A function value (a custom
     * `fetch`) counts when its body enforces a deadline.
     */
    timeout: z.array(z.string()),
    /** Options (dotted paths) that set the number of retries after the first attempt: 0 turns retries off. */
    retries: z.array(z.string()),
    /** Options (dotted paths) that set the number of attempts, the first included: 1 turns retries off. */
    attempts: z.array(z.string()).default([]),
    /** Options (dotted paths) carrying an AbortSignal. */
    signal: z.array(z.string()),
    /** Options (dotted paths) that bound the time between stream chunks (AI SDK `timeout.chunkMs`). */
    chunkTimeout: z.array(z.string()).default([]),
    /** Property names of the request body or client config that name the model. */
    model: z.array(z.string()),
    /** Index of the constructor argument with client options. */
    clientArg: z.number().int().min(0).nullable(),
    /** Index of the per-request options argument (null when they share the body). */
    requestArg: z.number().int().min(0).nullable(),
    /** Index of an argument that names the model (Azure deployment names), when it is not in the body. */
    modelArg: z.number().int().min(0).nullable().default(null),
    /** Options (dotted paths, request or client) that cap the answer's length (`max_tokens`, `config.maxOutputTokens`): the limits check and the cost estimate. */
    outputCap: z.array(z.string()).default([]),
  }),
  /** Exported names → behaviour; a key `/regex/` matches export names by pattern. */
  exports: z.record(z.string(), Member),
  types: z.record(z.string(), TypeDef),
  /** Raw HTTP endpoints of this vendor. */
  endpoints: z.array(Endpoint).default([]),
  /** Regexes on the model id that change the kind of a site (InvokeModel on an embedding model). */
  kindByModel: z.array(z.strictObject({ model: z.string(), kind: Kind })).default([]),
  /**
   * Packages that make this SDK's model objects for one vendor (`@ai-sdk/anthropic`,
   * `@langchain/openai`) → the vendor's id: a call through them is served by that vendor.
   */
  vendors: z.record(z.string(), z.string()).default({}),
  /**
   * Calls recognised by their shape when the receiver cannot be traced (an injected or cast
   * client): the member path the call ends with, and the keys its request object must have.
   */
  shapes: z
    .array(z.strictObject({ path: z.string().regex(/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+$/), keys: z.array(z.string()).min(1), kind: Kind }))
    .default([]),
  /**
   * A regex matching this vendor's model ids, for SDKs that serve one vendor's models: a fallback
   * model the quick-fix writes into a request must match it (no `gpt-*` sent to Anthropic). Absent
   * for SDKs that route to many vendors (Bedrock, Groq, LangChain, the AI SDK).
   */
  models: z.string().optional(),
  /** Where the timeout and retry quick-fixes write this SDK's options (rules/docs/timeout.md, retry.md "Quick fix"). */
  fixes: FixPlaces,
});
export type Provider = z.infer<typeof Provider>;

/** rules/http.json: generic HTTP clients whose calls become sites when they bind an LLM endpoint. */
export const HttpClient = z.strictObject({
  /** npm module specifiers, or "global" for `fetch`. */
  packages: z.array(z.string()).min(1),
  /** Export names (or "*" for the module itself / the global) that send a request when called. */
  exports: z.record(
    z.string(),
    z.strictObject({
      /** Argument index holding the URL, or null when only an options object carries it. */
      urlArg: z.number().int().min(0).nullable(),
      /** Properties of an options argument holding the URL (`url`, with `baseURL` prefix). */
      urlKeys: z.array(z.string()).default([]),
      /** Members of the returned instance that send requests (`axios.create().post`). */
      instance: z.array(z.string()).default([]),
      /** Members of the export that send (`axios.post`). */
      members: z.array(z.string()).default([]),
    }),
  ),
  /** Where the timeout and retry quick-fixes write this client's options (`methods` names the member called, `*` the export itself). */
  fixes: FixPlaces,
});

export const HttpCatalog = z.strictObject({
  $schema: z.string().optional(),
  clients: z.record(z.string(), HttpClient),
  /** Known LLM hosts → provider id, checked before the path patterns. */
  hosts: z.array(z.strictObject({ host: z.string(), provider: z.string() })),
  /**
   * Endpoints of vendors reached over plain HTTP, with no SDK in the catalog (speech, transcription,
   * embedding and rerank APIs): matched only on their own `host`; without one (a self-hosted server's
   * API, such as Stable Diffusion web UI's), on any host.
   */
  endpoints: z.array(z.strictObject({ url: z.string(), kind: Kind, provider: z.string(), host: z.string().optional() })).default([]),
});
export type HttpCatalog = z.infer<typeof HttpCatalog>;

/**
 * rules/observability.json: wrappers that return the client they are given (Langfuse
 * `observeOpenAI`, LangSmith `wrapOpenAI`) or a traced function (`traceable`). Calls through them
 * are still sites, and the usage check counts them as recording usage.
 */
export const ObservabilityCatalog = z.strictObject({
  $schema: z.string().optional(),
  wrappers: z.array(
    z.strictObject({
      name: z.string(),
      packages: z.array(z.string()).min(1),
      exports: z.array(z.string()).min(1),
      /** What the call returns: its first argument, traced (`observeOpenAI(client)`, `traceable(fn)`). */
      returns: z.literal("first-argument"),
      source: z.url(),
    }),
  ),
  /**
   * Gateways that log every request with its tokens and cost: a client whose base URL names one of
   * these hosts, or that sends one of these headers, has its usage recorded (the usage check).
   */
  proxies: z
    .array(
      z.strictObject({
        name: z.string(),
        /** Matched as a substring of the URL, case-insensitively. */
        hosts: z.array(z.string()).min(1),
        /** Header names, matched case-insensitively. */
        headers: z.array(z.string()).default([]),
        source: z.url(),
      }),
    )
    .default([]),
  /**
   * OpenTelemetry instrumentations that record the token usage of every call of an SDK once they
   * are registered in code (`initialize(...)`, `new OpenAIInstrumentation()`); environment variables
   * alone do not count (CHECKS.md).
   */
  instrumentations: z
    .array(
      z.strictObject({
        name: z.string(),
        packages: z.array(z.string()).min(1),
        /** Exports whose call or construction registers the instrumentation. */
        exports: z.array(z.string()).min(1),
        /** Catalog provider ids (rules/providers) whose calls it records. */
        providers: z.array(z.string()).min(1),
        /**
         * An option of the registering call that lists the modules to instrument (`instrumentModules`),
         * with its keys → provider ids; when the option is given, only those providers count.
         */
        modulesOption: z.strictObject({ name: z.string(), keys: z.record(z.string(), z.string()) }).optional(),
        source: z.url(),
      }),
    )
    .default([]),
  /** LangChain callback handlers of tracing products (`callbacks: [new CallbackHandler()]`). */
  callbackHandlers: z
    .array(
      z.strictObject({
        name: z.string(),
        packages: z.array(z.string()).min(1),
        exports: z.array(z.string()).min(1),
        source: z.url(),
      }),
    )
    .default([]),
  /** Where code reads token usage itself (the usage check's markers). */
  usage: z
    .strictObject({
      /** Response properties that hold token counts (`usage`, `usageMetadata`, Ollama's `eval_count`). */
      responseKeys: z.array(z.string()).min(1),
      /** Request options whose callback receives the usage (AI SDK `onFinish`). */
      callbackOptions: z.array(z.string()).default([]),
      /** Methods of a LangChain callback handler that receive the model's output with its usage. */
      handlerMethods: z.array(z.string()).default([]),
      /** Request or client options that turn tracing on (`experimental_telemetry: { isEnabled: true }`). */
      /** `enabledByDefault`: on when the options object leaves `enabledKey` out (AI SDK 7 `telemetry`). */
      telemetryOptions: z.array(z.strictObject({ option: z.string(), enabledKey: z.string(), enabledByDefault: z.boolean().default(false) })).default([]),
      source: z.url(),
    })
    .default({ responseKeys: ["usage"], callbackOptions: [], handlerMethods: [], telemetryOptions: [], source: "https://platform.openai.com/docs/api-reference/chat/object" }),
});
export type ObservabilityCatalog = z.infer<typeof ObservabilityCatalog>;

/**
 * A library that wraps a call in a policy (p-retry, cockatiel, p-timeout, opossum, ai-retry).
 * `call`: the export is called with the work (`pRetry(() => call)`, `pTimeout(call, ms)`, `new CircuitBreaker(fn)`);
 * `policy`: the export builds a policy whose `methods` run the work (`retry(handleAll, ...).execute(() => call)`);
 * `model`: the export wraps the model given to the call (`model: createRetryable({ model })`).
 */
export const HelperLibrary = z.strictObject({
  name: z.string(),
  packages: z.array(z.string()).min(1),
  /** Export names; "default" is the module itself (CommonJS) or its default export. */
  exports: z.array(z.string()).min(1),
  use: z.enum(["call", "policy", "model"]),
  methods: z.array(z.string()).default([]),
  /** An option of the wrapping call that must be set for it to count (opossum's `timeout`). */
  requiresOption: z.string().optional(),
  source: z.url(),
});
export type HelperLibrary = z.infer<typeof HelperLibrary>;

/** rules/checks/<id>.json: how a check is presented and weighed (the logic lives in src/core/checks/<id>/check.ts). */
export const CheckRule = z.strictObject({
  $schema: z.string().optional(),
  id: z.enum(CHECK_IDS),
  title: z.string().min(1),
  short: z.string().min(1),
  /** What goes wrong in production when the check fails; one or two sentences. */
  consequence: z.string().min(1),
  /** What to change, with code in backticks. */
  remedy: z.string().min(1),
  /** SARIF level of a failing result; a `warn` status is reported one step lower. */
  level: z.enum(["error", "warning", "note"]),
  /** Relative weight of the check in a site's score (rules/docs/score.md). */
  weight: z.number().positive(),
  docs: z.string(),
  /** Every value of the check (CHECKS.md) → its status, editor severity and message. */
  values: z.record(
    z.string(),
    z.strictObject({
      status: z.enum(["pass", "warn", "fail", "unknown"]),
      /**
       * Default severity of the value, the one table the editor, the CLI and SARIF read (src/core/messages.ts
       * `severityOf`): `warning` for a fail, `info` for a warn, `none` for a pass or an unknown (test/meta keeps it so).
       */
      severity: z.enum(["error", "warning", "info", "hint", "none"]),
      /** Message template: {provider}, {defaultTimeout}, {defaultRetries}, {note}, {timeoutRemedy}, {retryRemedy}, {retryOption} are filled in (src/core/messages.ts). */
      message: z.string().min(1),
      /**
       * When the site's SDK has no default for what the check is about (`defaults.timeoutMs: null`,
       * raw HTTP): the message says the request can hang forever (the severity stays the value's).
       */
      messageWhenNoDefault: z.string().min(1).optional(),
    }),
  ),
  /** Helper libraries that give a call the checked property when the call runs inside them (retry, timeout). */
  libraries: z.array(HelperLibrary).default([]),
  /**
   * Options of raw HTTP clients (fetch, axios, got, https.request) by role (`timeout`, `signal`,
   * `retries`, `attempts`), as dotted paths into their option arguments.
   */
  httpOptions: z.record(z.string(), z.array(z.string())).default({}),
});
export type CheckRule = z.infer<typeof CheckRule>;
