/**
 * The `withRetry` helper the retry fix generates into the helper file when the SDK has no retry
 * option and the workspace has no retry library or wrapper of its own. The retry check recognises
 * it by its body (a retry loop around the callback it is given), like any hand-written helper.
 */
import type { HelperSnippet } from "../../fixes/helperFile";

/** The retries `withRetry` makes when the call gives none: the fix passes `{ retries }` only when the setting differs. */
export const HELPER_DEFAULT_RETRIES = 3;

export const WITH_RETRY: HelperSnippet = {
  name: "withRetry",
  ts: `/** How \`withRetry\` retries: how many times, and the backoff between attempts. */
export interface RetryOptions {
  /** Retries after the first attempt (default ${HELPER_DEFAULT_RETRIES}). */
  retries?: number;
  /** The first backoff in ms (default 500); it doubles each retry, with jitter, up to \`maxDelayMs\` (default 30 s). */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Runs \`fn\` again when it fails with a transient error: HTTP 408, 409, 429 or 5xx (the error's
 * status, or a \`fetch\` response's, since fetch does not throw on them) or a dropped connection.
 * Waits with exponential backoff and jitter, or as long as the server asks (\`retry-after-ms\`,
 * \`retry-after\`). A request the caller aborted is not retried.
 */
export async function withRetry<T>(fn: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { retries = ${HELPER_DEFAULT_RETRIES}, minDelayMs = 500, maxDelayMs = 30_000 } = options;
  for (let attempt = 0; ; attempt++) {
    let failure: unknown;
    try {
      const result = await fn();
      if (attempt >= retries || !isTransientResponse(result)) return result;
      await discardBody(result);
      failure = result;
    } catch (error) {
      if (attempt >= retries || !isTransientError(error)) throw error;
      failure = error;
    }
    await new Promise((resolve) => setTimeout(resolve, retryDelay(failure, attempt, minDelayMs, maxDelayMs)));
  }
}

const NETWORK_ERROR_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT"]);

function isTransientStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** A \`fetch\` response (it has \`ok\` and \`status\`) with a transient error status. */
function isTransientResponse(result: unknown): boolean {
  const r = result as { ok?: unknown; status?: unknown } | null;
  return typeof r === "object" && r !== null && r.ok === false && typeof r.status === "number" && isTransientStatus(r.status);
}

function isTransientError(error: unknown): boolean {
  const { status } = httpDetails(error);
  if (status !== undefined) return isTransientStatus(status);
  if (typeof error !== "object" || error === null) return false;
  const e = error as { name?: unknown; code?: unknown; message?: unknown; cause?: { code?: unknown } };
  const names = \`\${String(e.name)} \${error.constructor?.name ?? ""}\`;
  if (/AbortError|UserAbort/.test(names)) return false;
  if (/Connection|Timeout|Network/.test(names)) return true;
  const code = e.code ?? e.cause?.code;
  return (typeof code === "string" && NETWORK_ERROR_CODES.has(code)) || (error instanceof TypeError && e.message === "fetch failed");
}

/** Status and headers of an SDK, axios, got or AWS error, or of a response; read defensively, since each library shapes them its own way. */
function httpDetails(x: unknown): { status?: number; headers?: unknown } {
  if (typeof x !== "object" || x === null) return {};
  const o = x as { status?: unknown; statusCode?: unknown; headers?: unknown; response?: { status?: unknown; statusCode?: unknown; headers?: unknown }; $metadata?: { httpStatusCode?: unknown } };
  const status = [o.status, o.statusCode, o.response?.status, o.response?.statusCode, o.$metadata?.httpStatusCode].find((s): s is number => typeof s === "number");
  return { status, headers: o.headers ?? o.response?.headers };
}

function header(headers: unknown, name: string): string | undefined {
  if (typeof headers !== "object" || headers === null) return undefined;
  const get = (headers as { get?: unknown }).get;
  const value: unknown = typeof get === "function" ? get.call(headers, name) : (headers as Record<string, unknown>)[name];
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/** What the server asks for (\`retry-after-ms\`, \`retry-after\` in seconds or as a date) when it is sane, else backoff with jitter. */
function retryDelay(failure: unknown, attempt: number, minDelayMs: number, maxDelayMs: number): number {
  const { headers } = httpDetails(failure);
  const afterMs = header(headers, "retry-after-ms");
  const after = header(headers, "retry-after");
  let asked = afterMs !== undefined ? Number(afterMs) : after !== undefined ? Number(after) * 1000 : NaN;
  if (Number.isNaN(asked) && after !== undefined) asked = Date.parse(after) - Date.now();
  if (asked >= 0 && asked <= maxDelayMs) return asked;
  const backoff = Math.min(maxDelayMs, minDelayMs * 2 ** attempt);
  return backoff * (0.75 + Math.random() * 0.25);
}

/** Frees the connection of a response that will not be read. */
async function discardBody(response: unknown): Promise<void> {
  const body = (response as { body?: { cancel?: () => Promise<void> } | null }).body;
  await body?.cancel?.().catch(() => undefined);
}
`,
  js: `/**
 * Runs \`fn\` again when it fails with a transient error: HTTP 408, 409, 429 or 5xx (the error's
 * status, or a \`fetch\` response's, since fetch does not throw on them) or a dropped connection.
 * Waits with exponential backoff and jitter, or as long as the server asks (\`retry-after-ms\`,
 * \`retry-after\`). A request the caller aborted is not retried.
 * @template T
 * @param {() => Promise<T>} fn
 * @param {{ retries?: number, minDelayMs?: number, maxDelayMs?: number }} [options] retries after the first attempt (default ${HELPER_DEFAULT_RETRIES}); the first backoff (500 ms) doubles each retry up to maxDelayMs (30 s)
 * @returns {Promise<T>}
 */
export async function withRetry(fn, options = {}) {
  const { retries = ${HELPER_DEFAULT_RETRIES}, minDelayMs = 500, maxDelayMs = 30_000 } = options;
  for (let attempt = 0; ; attempt++) {
    let failure;
    try {
      const result = await fn();
      if (attempt >= retries || !isTransientResponse(result)) return result;
      await discardBody(result);
      failure = result;
    } catch (error) {
      if (attempt >= retries || !isTransientError(error)) throw error;
      failure = error;
    }
    await new Promise((resolve) => setTimeout(resolve, retryDelay(failure, attempt, minDelayMs, maxDelayMs)));
  }
}

const NETWORK_ERROR_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT"]);

function isTransientStatus(status) {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** A \`fetch\` response (it has \`ok\` and \`status\`) with a transient error status. */
function isTransientResponse(result) {
  return typeof result === "object" && result !== null && result.ok === false && typeof result.status === "number" && isTransientStatus(result.status);
}

function isTransientError(error) {
  const { status } = httpDetails(error);
  if (status !== undefined) return isTransientStatus(status);
  if (typeof error !== "object" || error === null) return false;
  const names = \`\${String(error.name)} \${error.constructor?.name ?? ""}\`;
  if (/AbortError|UserAbort/.test(names)) return false;
  if (/Connection|Timeout|Network/.test(names)) return true;
  const code = error.code ?? error.cause?.code;
  return (typeof code === "string" && NETWORK_ERROR_CODES.has(code)) || (error instanceof TypeError && error.message === "fetch failed");
}

/** Status and headers of an SDK, axios, got or AWS error, or of a response; read defensively, since each library shapes them its own way. */
function httpDetails(x) {
  if (typeof x !== "object" || x === null) return {};
  const status = [x.status, x.statusCode, x.response?.status, x.response?.statusCode, x.$metadata?.httpStatusCode].find((s) => typeof s === "number");
  return { status, headers: x.headers ?? x.response?.headers };
}

function header(headers, name) {
  if (typeof headers !== "object" || headers === null) return undefined;
  const value = typeof headers.get === "function" ? headers.get(name) : headers[name];
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/** What the server asks for (\`retry-after-ms\`, \`retry-after\` in seconds or as a date) when it is sane, else backoff with jitter. */
function retryDelay(failure, attempt, minDelayMs, maxDelayMs) {
  const { headers } = httpDetails(failure);
  const afterMs = header(headers, "retry-after-ms");
  const after = header(headers, "retry-after");
  let asked = afterMs !== undefined ? Number(afterMs) : after !== undefined ? Number(after) * 1000 : NaN;
  if (Number.isNaN(asked) && after !== undefined) asked = Date.parse(after) - Date.now();
  if (asked >= 0 && asked <= maxDelayMs) return asked;
  const backoff = Math.min(maxDelayMs, minDelayMs * 2 ** attempt);
  return backoff * (0.75 + Math.random() * 0.25);
}

/** Frees the connection of a response that will not be read. */
async function discardBody(response) {
  await response.body?.cancel?.().catch(() => undefined);
}
`,
};
