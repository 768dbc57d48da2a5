const WAITS_MS = [400, 1600, 6400];

export interface RetryableError {
  retry: boolean;
  error: Error;
}

/** Calls `fn` again after a retryable failure; the last failure is thrown. */
export async function withBackoff<T>(fn: () => Promise<T>): Promise<{ result: T; attempts: number }> {
  let attempt = 0;
  for (; attempt <= WAITS_MS.length; attempt++) {
    try {
      return { result: await fn(), attempts: attempt + 1 };
    } catch (e) {
      const r = e as RetryableError;
      if (attempt < WAITS_MS.length && r.retry) {
        await new Promise((resolve) => setTimeout(resolve, WAITS_MS[attempt]! * (1 + Math.random() / 4)));
        continue;
      }
      throw r.error ?? e;
    }
  }
  throw new Error("out of attempts");
}
