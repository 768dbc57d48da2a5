let exporterReady = false;

export function startTracing(): void {
  exporterReady = true;
}

/** AI SDK telemetry settings for one call, or null when no exporter is set up. */
export function tracingFor(functionId: string) {
  if (!exporterReady) return null;
  return { isEnabled: true, functionId, recordInputs: false };
}

/** Request options shared by every call: a deadline and a bounded retry budget. */
export function requestLimits(ms = 30_000) {
  return { abortSignal: AbortSignal.timeout(ms), maxRetries: 3 };
}
