/**
 * Where each SDK puts the token usage of a call's answer, as the usage fix reads it: a property of the
 * awaited response (`usage`, Google `usageMetadata`, LangChain `usage_metadata`), the final chunk or
 * event of a stream, the AI SDK's end-of-stream callback, or the JSON body of a raw HTTP response.
 * The facts are the SDKs' response types (node_modules typings); fixtures type-check each one.
 */
import ts from "typescript";
import type { DetectedSite } from "../../../callSites/detect";
import type { CheckContext } from "../../checkContext";
import { constructionOf, calleeName } from "../../validation/structuredOutput";
import { bare, propertyOf } from "../../../fixes/edit/objects";

export type UsageSource =
  /** Read from the awaited response: `<res>.<usage>`, the model from `<res>.<model>` when the response names it. */
  | { kind: "response"; usage: string; model?: string; optional: boolean }
  /** OpenAI chat completions with `stream: true`: `stream_options.include_usage`, then the last chunk's `usage`. */
  | { kind: "openai-chunks" }
  /** OpenAI responses with `stream: true`: the `response.completed` event carries the response and its usage. */
  | { kind: "openai-events" }
  /** Anthropic messages with `stream: true`: `message_delta` events carry the cumulative usage. */
  | { kind: "anthropic-events" }
  /** AI SDK `streamText`/`streamObject`: the callback run when the stream ends receives the total usage. */
  | { kind: "ai-sdk-callback"; option: "onEnd" | "onFinish"; field: "usage" | "totalUsage" }
  /** Raw HTTP: the `usage` (Google: `usageMetadata`) of the JSON the response body parses to. */
  | { kind: "json-body"; usage: string };

/** How the site's SDK reports usage for this call, or undefined when the fix does not know it. */
export function usageSource(site: DetectedSite, ctx: CheckContext, dependencies: ReadonlyMap<string, string>): UsageSource | undefined {
  if (site.via === "http") {
    if (site.kind !== "chat" && site.kind !== "embedding") return undefined;
    if (site.provider === "ollama") return undefined;
    return { kind: "json-body", usage: site.provider === "google" ? "usageMetadata" : "usage" };
  }
  if (site.via !== "sdk" || !site.sdk) return undefined;
  const v = ctx.finder.ev.eval(site.call.expression);
  const method = v && (v.t === "pkg" || v.t === "inst") ? v.path.join(".") : calleeName(site.call);
  const streamed = streamFlag(site.call);
  // Whether the answer is a stream or a response decides where usage is: without knowing, no fix.
  const canStream = /^(chat\.completions\.create|completions\.create|responses\.create|(beta\.)?messages\.create)$/.test(method);
  if (streamed === undefined && canStream && (site.sdk.id === "openai" || site.sdk.id === "anthropic")) return undefined;
  switch (site.sdk.id) {
    case "openai":
      if (/^(chat\.completions\.create|completions\.create)$/.test(method)) return streamed ? { kind: "openai-chunks" } : { kind: "response", usage: "usage", model: "model", optional: true };
      if (method === "responses.create") return streamed ? { kind: "openai-events" } : { kind: "response", usage: "usage", model: "model", optional: true };
      if (/^(beta\.)?chat\.completions\.parse$|^responses\.parse$/.test(method)) return { kind: "response", usage: "usage", model: "model", optional: true };
      if (method === "embeddings.create") return { kind: "response", usage: "usage", model: "model", optional: false };
      return undefined;
    case "anthropic":
      if (/^(beta\.)?messages\.create$/.test(method)) return streamed ? { kind: "anthropic-events" } : { kind: "response", usage: "usage", model: "model", optional: false };
      return undefined;
    case "vercel-ai": {
      const major = majorOf(dependencies.get("ai"));
      // ai 5 and 6 count the last step in `usage` and every step in `totalUsage` (text calls only: object
      // calls have one step and no `totalUsage`); ai 7 made `usage` the total.
      const steps = (major === 5 || major === 6) && /Text$/.test(method);
      if (/^(generateText|generateObject)$/.test(method)) {
        return { kind: "response", usage: steps ? "totalUsage" : "usage", model: "response.modelId", optional: false };
      }
      if (/^(embed|embedMany)$/.test(method)) return { kind: "response", usage: "usage", optional: false };
      if (/^(streamText|streamObject)$/.test(method)) {
        // ai 7 renamed `onFinish` to `onEnd` (the old name stays as a deprecated alias).
        if (major !== undefined && major >= 7) return { kind: "ai-sdk-callback", option: "onEnd", field: "usage" };
        return { kind: "ai-sdk-callback", option: "onFinish", field: steps ? "totalUsage" : "usage" };
      }
      return undefined;
    }
    case "google":
      if (/(^|\.)(generateContent|sendMessage)$/.test(method)) return { kind: "response", usage: "usageMetadata", model: "modelVersion", optional: true };
      return undefined;
    case "langchain":
      return isChatModelInvoke(site, ctx, method) ? { kind: "response", usage: "usage_metadata", optional: true } : undefined;
    case "bedrock":
      return method === "send" && commandOf(site.call, ctx) === "ConverseCommand" ? { kind: "response", usage: "usage", optional: true } : undefined;
    default:
      return undefined;
  }
}

/**
 * Whether the request streams: `stream: true` or `false` in the request literal, no `stream` in a literal
 * without spreads (false), and undefined when the code decides it (a variable, a spread, options built elsewhere).
 */
function streamFlag(call: ts.CallExpression): boolean | undefined {
  const arg = call.arguments[0] && bare(call.arguments[0]);
  if (!arg) return false;
  if (!ts.isObjectLiteralExpression(arg)) return undefined;
  const p = propertyOf(arg, "stream");
  if (!p) return arg.properties.some(ts.isSpreadAssignment) ? undefined : false;
  if (!ts.isPropertyAssignment(p)) return undefined;
  if (p.initializer.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (p.initializer.kind === ts.SyntaxKind.FalseKeyword) return false;
  return undefined;
}

/** The major version a dependency range pins (`^7.0.1` → 7); undefined when it does not say. */
function majorOf(range: string | undefined): number | undefined {
  const m = range && /(\d+)\./.exec(range);
  return m ? Number(m[1]) : undefined;
}

/** Bedrock `send(new XCommand(...))`: the command's export name. */
function commandOf(call: ts.CallExpression, ctx: CheckContext): string | undefined {
  const arg = call.arguments[0] && bare(call.arguments[0]);
  if (!arg || !ts.isNewExpression(arg)) return undefined;
  const v = ctx.finder.ev.eval(arg.expression);
  return v?.t === "pkg" ? v.path[v.path.length - 1] : ts.isIdentifier(arg.expression) ? arg.expression.text : undefined;
}

/** Methods that keep a chat model's answer an `AIMessage` (a structured-output or parser step would not). */
const KEEPS_MESSAGE = /^(bind|bindTools|withConfig|withRetry|withFallbacks)$/;

/** `model.invoke(...)` on a LangChain chat model (`new ChatOpenAI(...)`, `initChatModel`), whose answer is an AIMessage with `usage_metadata`. */
function isChatModelInvoke(site: DetectedSite, ctx: CheckContext, method: string): boolean {
  if (method !== "invoke") return false;
  const ctor = site.client?.ctor;
  if (!ctor || !/^(Chat[A-Z]\w*|initChatModel)$/.test(ctor)) return false;
  return constructionOf(site, ctx.finder).every((c) => ts.isNewExpression(c) || calleeName(c) === ctor || KEEPS_MESSAGE.test(calleeName(c)));
}
