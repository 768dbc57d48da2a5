/** The "LLM Readiness" LogOutputChannel, and the core's Logger bridged to it. */
import * as vscode from "vscode";
import type { Logger } from "../core/types";

export function createLog(): { channel: vscode.LogOutputChannel; logger: Logger } {
  const channel = vscode.window.createOutputChannel("LLM Readiness", { log: true });
  // The e2e harness sets this to see the log in its output (the extension host's console reaches it).
  const mirror = process.env.LLMR_LOG_TO_CONSOLE === "1";
  const line = (level: string, m: string) => mirror && console.log(`[LLM Readiness ${level}] ${m}`);
  const logger: Logger = {
    info: (m) => (channel.info(m), line("info", m)),
    warn: (m) => (channel.warn(m), line("warn", m)),
    error: (m) => (channel.error(m), line("error", m)),
  };
  return { channel, logger };
}
