/** What a quick-fix is, as data: text edits and files to create. The extension turns it into a WorkspaceEdit, the CLI into a diff. */
import type { CheckId } from "../types";

/** Replaces `[start, end)` of a file's current text (UTF-16 offsets, as editors count). */
export interface TextEdit {
  /** Relative to the scanned root, `/`-separated. */
  file: string;
  start: number;
  end: number;
  newText: string;
}

/** A file the fix creates (a helper module, a test); never overwrites: skipped when the file exists. */
export interface NewFile {
  file: string;
  text: string;
}

/** How a fix repairs a finding: with the SDK's own option or API, or by wrapping the call in a helper. */
export type FixStrategy = "native" | "wrapper";

export interface Fix {
  check: CheckId;
  /** The code action's title: says what the fix writes ("Add `timeout: 30_000` to the request options"). */
  title: string;
  strategy: FixStrategy;
  /**
   * Safe: compiles and changes nothing but the finding (goes into fix-all and is the preferred action).
   * Unsafe fixes leave a decision to the user (a default value, a schema to complete) and are offered one at a time.
   */
  safe: boolean;
  edits: TextEdit[];
  create: NewFile[];
  /** The site the fix is for. */
  site: { file: string; line: number; column: number };
}

/** Settings that shape the code fixes write (`llmReadiness.fix.*` in the editor, flags in the CLI). */
export interface FixOptions {
  /** The timeout written into requests. */
  timeoutMs: number;
  /** Retries written where the SDK takes `maxRetries`, and by the generated helper. */
  maxRetries: number;
  /** Where the generated resilience helpers go, relative to the root. */
  helperFile: string;
  /**
   * A model the fallback fix asks when a call fails (`llmReadiness.fix.fallbackModel`), written into
   * the same request in place of its `model`; unset: the fix returns a placeholder instead.
   */
  fallbackModel?: string;
  /** The output cap the limits fix writes (`max_tokens: 1_024`); default 1024. */
  maxOutputTokens?: number;
  /**
   * How many recent messages the context fix keeps (`messages.slice(-20)`); unset or 0: the fix is not
   * offered (cutting history changes what the model sees, so the user opts in).
   */
  historyMessages?: number;
}

export const DEFAULT_FIX_OPTIONS: FixOptions = { timeoutMs: 30_000, maxRetries: 3, helperFile: "src/llm/resilience.ts", maxOutputTokens: 1024 };
