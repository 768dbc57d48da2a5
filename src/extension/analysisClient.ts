/** The host side of the worker protocol (src/shared/workerMessages.ts): starts dist/worker.js, matches answers to requests, bridges cancellation. */
import { Worker } from "node:worker_threads";
import { z } from "zod";
import type { Logger } from "../core/types";
import { FromWorker, type ConfigProblem, type EditorReport, type ToWorker, type WorkerScanOptions } from "../shared/workerMessages";

/** Why a request did not produce a report. */
export class AnalysisFailed extends Error {
  constructor(
    message: string,
    readonly cancelled: boolean,
    readonly problems: readonly ConfigProblem[] = [],
    readonly needsOpen = false,
  ) {
    super(message);
  }
}

interface Pending {
  resolve: (r: { report: EditorReport; ms: number }) => void;
  reject: (e: AnalysisFailed) => void;
  onProgress?: (done: number, total: number) => void;
}

export interface RequestOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export class AnalysisClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private disposed = false;

  constructor(
    /** Absolute path of dist/worker.js. */
    private readonly workerFile: string,
    private readonly log: Logger,
  ) {}

  /** Scans `root` afresh, with the given unsaved buffers. */
  open(root: string, options: WorkerScanOptions, overlay: Map<string, string>, opts: RequestOptions = {}): Promise<{ report: EditorReport; ms: number }> {
    const id = this.nextId++;
    return this.request(id, { type: "session/open", id, root, options, overlay: [...overlay] }, opts);
  }

  /** Re-analyses changed files of `root`'s open session. */
  update(root: string, changes: { abs: string; text: string | null }[], opts: RequestOptions = {}): Promise<{ report: EditorReport; ms: number }> {
    const id = this.nextId++;
    return this.request(id, { type: "session/update", id, root, changes }, opts);
  }

  close(root: string): void {
    this.worker?.postMessage({ type: "session/close", root } satisfies ToWorker);
  }

  dispose(): void {
    this.disposed = true;
    this.failAll("the extension is shutting down", true);
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private request(id: number, msg: ToWorker, opts: RequestOptions): Promise<{ report: EditorReport; ms: number }> {
    if (this.disposed) return Promise.reject(new AnalysisFailed("the extension is shutting down", true));
    return new Promise((resolve, reject) => {
      if (opts.signal?.aborted) return reject(new AnalysisFailed("cancelled", true));
      this.pending.set(id, { resolve, reject, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
      opts.signal?.addEventListener("abort", () => this.worker?.postMessage({ type: "request/cancel", id } satisfies ToWorker), { once: true });
      this.ensureWorker().postMessage(msg);
    });
  }

  /** The worker starts on the first request, so activation loads nothing heavy; it is restarted after a crash. */
  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.workerFile, { stdout: false, stderr: false });
    w.on("message", (raw: unknown) => this.onMessage(raw));
    w.on("error", (e) => {
      this.log.error(`analysis worker crashed: ${e.stack ?? e.message}`);
      if (this.worker === w) this.worker = undefined;
      this.failAll(`the analysis worker crashed (${e.message})`, false);
    });
    w.on("exit", (code) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      if (!this.disposed) {
        this.log.error(`analysis worker exited with code ${code}`);
        this.failAll(`the analysis worker exited (code ${code})`, false);
      }
    });
    this.worker = w;
    return w;
  }

  private failAll(message: string, cancelled: boolean): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    // A crash loses every session: callers reopen.
    for (const p of all) p.reject(new AnalysisFailed(message, cancelled, [], !cancelled));
  }

  private onMessage(raw: unknown): void {
    const parsed = FromWorker.safeParse(raw);
    if (!parsed.success) {
      this.log.error(`dropped a malformed message from the analysis worker: ${z.prettifyError(parsed.error)}`);
      return;
    }
    const msg = parsed.data;
    switch (msg.type) {
      case "log":
        this.log[msg.level](msg.message);
        return;
      case "scan/progress":
        this.pending.get(msg.id)?.onProgress?.(msg.done, msg.total);
        return;
      case "request/done": {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        p?.resolve({ report: msg.report, ms: msg.ms });
        return;
      }
      case "request/failed": {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        p?.reject(new AnalysisFailed(msg.message, msg.cancelled, msg.problems ?? [], msg.needsOpen ?? false));
        return;
      }
      default:
        msg satisfies never;
    }
  }
}
