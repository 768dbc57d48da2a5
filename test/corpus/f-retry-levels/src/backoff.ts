const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `job` again after a failure, up to `tries` times, waiting longer each time. */
export async function retrying<T>(job: () => Promise<T>, tries = 3): Promise<T> {
  let last: unknown;
  for (let n = 0; n < tries; n++) {
    try {
      return await job();
    } catch (err) {
      last = err;
      await sleep(300 * 2 ** n);
    }
  }
  throw last;
}
