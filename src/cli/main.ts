/** Entry point of the `llm-readiness` command (bundled as dist/cli.main.js, started by dist/cli.js): wires process I/O and Ctrl-C to `run`. */
import { run } from "./run";

export { run };

/** Runs the command on this process's argv and streams (dist/cli.js calls it once the compile cache is on). */
export function main(): void {
  const controller = new AbortController();
  // The first Ctrl-C cancels the scan and lets the report step finish cleanly; a second one kills the process.
  process.once("SIGINT", () => controller.abort());
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
  });
  void run(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    isTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
    signal: controller.signal,
  }).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) main();
