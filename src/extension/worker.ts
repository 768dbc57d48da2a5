/**
 * The analysis worker (bundled as dist/worker.js, run in a worker thread): owns one AnalysisSession
 * per workspace folder, so parsing and judging never block the extension host. No `vscode` here.
 */
import { parentPort } from "node:worker_threads";
import { AnalysisSession } from "../core/session";
import { ConfigError } from "../core/config";
import { withSiteFacts } from "../core/siteFacts";
import { formatMarkdown } from "../report/markdown";
import type { Logger, ScanReport } from "../core/types";
import { FromWorker, ToWorker, type ConfigProblem } from "../shared/workerMessages";
import { allFixes, siteFixes } from "./fixWorker";

const port = parentPort;
if (!port) throw new Error("dist/worker.js runs in a worker thread");

const post = (m: FromWorker) => port.postMessage(m);
const logger: Logger = {
  info: (message) => post({ type: "log", level: "info", message }),
  warn: (message) => post({ type: "log", level: "warn", message }),
  error: (message) => post({ type: "log", level: "error", message }),
};

const sessions = new Map<string, AnalysisSession>();
const running = new Map<number, AbortController>();
/** Requests on one folder run one after the other: an update must see the session its open built. */
const queues = new Map<string, Promise<void>>();

/** The report with the callee ranges and SDK defaults editors need. */
function editorReport(session: AnalysisSession): ScanReport {
  return withSiteFacts(session.report(), session.sites(), session.state.catalog, session.checkContext());
}

/** `file:line: message` lines of a ConfigError, as located problems. */
function problemsOf(e: ConfigError): ConfigProblem[] {
  return e.lines(e.file).flatMap((l) => {
    const m = /^(.*):(\d+): (.*)$/s.exec(l);
    return m ? [{ file: m[1]!, line: Number(m[2]), message: m[3]! }] : [{ file: e.file, line: 1, message: l }];
  });
}

function enqueue(root: string, job: () => Promise<void>): void {
  const next = (queues.get(root) ?? Promise.resolve()).then(job, job);
  queues.set(root, next);
  void next.finally(() => {
    if (queues.get(root) === next) queues.delete(root);
  });
}

async function runRequest(id: number, work: (signal: AbortSignal) => Promise<ScanReport>): Promise<void> {
  const start = performance.now();
  return runJob(id, async (signal) => {
    const report = await work(signal);
    return { type: "request/done", id, report, ms: performance.now() - start };
  });
}

/** Runs a request and posts its answer, or `request/failed` (cancelled, an invalid configuration, no session, an error). */
async function runJob(id: number, work: (signal: AbortSignal) => Promise<FromWorker>): Promise<void> {
  const controller = running.get(id) ?? new AbortController();
  running.set(id, controller);
  try {
    controller.signal.throwIfAborted();
    post(await work(controller.signal));
  } catch (e) {
    const cancelled = controller.signal.aborted;
    if (e instanceof ConfigError) {
      post({ type: "request/failed", id, cancelled, message: e.message, problems: problemsOf(e) });
    } else if (e instanceof NoSession) {
      post({ type: "request/failed", id, cancelled, message: e.message, needsOpen: true });
    } else {
      if (!cancelled) logger.error(`analysis failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      post({ type: "request/failed", id, cancelled, message: cancelled ? "cancelled" : e instanceof Error ? e.message : String(e) });
    }
  } finally {
    running.delete(id);
  }
}

class NoSession extends Error {}

function handle(msg: ToWorker): void {
  switch (msg.type) {
    case "session/open": {
      running.set(msg.id, new AbortController());
      enqueue(msg.root, () =>
        runRequest(msg.id, async (signal) => {
          let last = 0;
          const session = await AnalysisSession.open(
            msg.root,
            {
              ...msg.options,
              overlay: new Map(msg.overlay),
              logger,
              // Progress is throttled: a message per file would flood the host on a large workspace.
              onProgress: ({ done, total }) => {
                const now = performance.now();
                if (done === total || now - last > 100) {
                  last = now;
                  post({ type: "scan/progress", id: msg.id, done, total });
                }
              },
            },
            signal,
          );
          sessions.set(msg.root, session);
          return editorReport(session);
        }),
      );
      return;
    }
    case "session/update": {
      running.set(msg.id, new AbortController());
      enqueue(msg.root, () =>
        runRequest(msg.id, async (signal) => {
          const session = sessions.get(msg.root);
          if (!session) throw new NoSession(`no analysis of ${msg.root} yet`);
          await session.update(msg.changes, signal);
          return editorReport(session);
        }),
      );
      return;
    }
    case "fixes/site":
    case "fixes/all": {
      running.set(msg.id, new AbortController());
      enqueue(msg.root, () =>
        runJob(msg.id, async (signal): Promise<FromWorker> => {
          const session = sessions.get(msg.root);
          if (!session) throw new NoSession(`no analysis of ${msg.root} yet`);
          if (msg.type === "fixes/site") return { type: "fixes/site", id: msg.id, fixes: await siteFixes(session, msg, logger, signal) };
          return { type: "fixes/all", id: msg.id, ...(await allFixes(session, msg, signal)) };
        }),
      );
      return;
    }
    case "session/close":
      sessions.delete(msg.root);
      return;
    case "request/cancel":
      running.get(msg.id)?.abort();
      return;
    case "report/markdown":
      try {
        post({ type: "report/markdown", id: msg.id, text: formatMarkdown(msg.report as ScanReport) });
      } catch (e) {
        post({ type: "request/failed", id: msg.id, cancelled: false, message: `cannot format the report: ${e instanceof Error ? e.message : String(e)}` });
      }
      return;
    default:
      msg satisfies never;
  }
}

port.on("message", (raw: unknown) => {
  const parsed = ToWorker.safeParse(raw);
  if (!parsed.success) {
    logger.error(`worker: dropped a malformed message: ${parsed.error.message}`);
    return;
  }
  handle(parsed.data);
});
