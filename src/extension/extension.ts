/** Entry point: activate() builds one ReadinessExtension, which owns every disposable; no analysis and no TypeScript load here. */
import type * as vscode from "vscode";
import { ReadinessExtension, type ReadinessApi } from "./ReadinessExtension";

export function activate(context: vscode.ExtensionContext): ReadinessApi {
  const start = performance.now();
  const extension = new ReadinessExtension(context, start);
  context.subscriptions.push(extension);
  return extension.api;
}

export function deactivate(): void {}
