/** The host side of the worker protocol (src/shared/workerMessages.ts): starts dist/worker.js, matches answers to requests, bridges cancellation. */
import os from "node:os";
import { Worker, type ResourceLimits } from "node:worker_threads";
import { z } from "zod";
import type { Logger, ScanReport } from "../core/types";
import type { FixOptionsInput } from "../shared/fixOptions";
import { FromWorker, type ConfigProblem, type EditorReport, type FixAllAnswer, type ToWorker, type WireFix, type WorkerScanOptions } from "../shared/workerMessages";

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

/**
 * The worker's heap cap, from the machine's memory: a quarter of it, between 512 MB and 4 GB. A
 * workspace that needs more kills the worker (restarted once), never the extension host.
 */
export function workerHeapLimitMb(totalBytes: number = os.totalmem()): number {
  return Math.max(512, Math.min(4096, Math.floor(totalBytes / 4 / 1024 / 1024)));
}

/** What the extension hears about the worker's life (a death restarts it once; a second one stops it). */
export interface WorkerEvents {
  /** The worker died and a new one is started: every folder's session is gone, so folders reopen. */
  restarted?(reason: string): void;
  /** The worker died again: it is not restarted until reset() (the user's "Rescan Workspace"). */
  stopped?(reason: string): void;
}

export interface RequestOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export class AnalysisClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** `report/markdown` requests waiting for their text. */
  private readonly formats = new Map<number, { resolve: (text: string) => void; reject: (e: AnalysisFailed) => void }>();
  /** Quick-fix requests (`fixes/site`, `fixes/all`) waiting for their answer. */
  private readonly answers = new Map<number, { resolve: (msg: FromWorker) => void; reject: (e: AnalysisFailed) => void }>();
  private disposed = false;
  /** Deaths since the start or the last reset(): the first restarts the worker, the second stops it. */
  private deaths = 0;
  private stoppedReason: string | undefined;

  constructor(
    /** Absolute path of dist/worker.js. */
    private readonly workerFile: string,
    private readonly log: Logger,
    private readonly events: WorkerEvents = {},
    private readonly resourceLimits: ResourceLimits = { maxOldGenerationSizeMb: workerHeapLimitMb() },
  ) {}

  /** After a second death: allows a new worker again (an explicit rescan by the user). */
  reset(): void {
    if (this.stoppedReason !== undefined) this.log.info("analysis worker: starting again (rescan requested)");
    this.deaths = 0;
    this.stoppedReason = undefined;
  }

  /** Deaths since the start or the last reset(). */
  get deathCount(): number {
    return this.deaths;
  }

  /** Whether the worker is stopped after dying twice (until reset()). */
  get stopped(): boolean {
    return this.stoppedReason !== undefined;
  }

  /** Test only (the e2e command `llmReadiness.test.killWorker`): ends the worker as a crash would. */
  killWorkerForTest(): boolean {
    if (!this.worker) return false;
    void this.worker.terminate();
    return true;
  }

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

  /** The CLI's `--format markdown` text of a report, formatted in the worker (the host bundle carries no catalog loader). */
  markdown(report: ScanReport): Promise<string> {
    if (this.disposed) return Promise.reject(new AnalysisFailed("the extension is shutting down", true));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.formats.set(id, { resolve, reject });
      this.post({ type: "report/markdown", id, report }, id);
    });
  }

  /**
   * The fixes of the sites on lines `from`-`to` (1-based) of a file, computed against `text` (the editor's buffer;
   * `changes` are the folder's other unsaved buffers): offsets into `text`.
   */
  fixesAt(
    req: { root: string; abs: string; text: string; lines: { from: number; to: number }; changes: { abs: string; text: string | null }[]; options: FixOptionsInput },
    signal?: AbortSignal,
  ): Promise<WireFix[]> {
    const id = this.nextId++;
    return this.ask(id, { type: "fixes/site", id, ...req }, signal).then((m) => (m.type === "fixes/site" ? m.fixes : []));
  }

  /** Every (safe) fix of some files or of the folder: the changed files' texts before and after, and files to create. */
  fixAll(
    req: {
      root: string;
      files?: string[];
      checks?: FixAllAnswer["applied"][number]["check"][];
      site?: { file: string; line: number; column: number };
      safeOnly: boolean;
      changes: { abs: string; text: string | null }[];
      options: FixOptionsInput;
    },
    signal?: AbortSignal,
  ): Promise<FixAllAnswer> {
    const id = this.nextId++;
    return this.ask(id, { type: "fixes/all", id, ...req }, signal).then((m) => {
      if (m.type !== "fixes/all") throw new AnalysisFailed(`unexpected answer ${m.type} to fixes/all`, false);
      return m;
    });
  }

  private ask(id: number, msg: ToWorker, signal?: AbortSignal): Promise<FromWorker> {
    if (this.disposed) return Promise.reject(new AnalysisFailed("the extension is shutting down", true));
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new AnalysisFailed("cancelled", true));
      this.answers.set(id, { resolve, reject });
      signal?.addEventListener("abort", () => this.worker?.postMessage({ type: "request/cancel", id } satisfies ToWorker), { once: true });
      this.post(msg, id);
    });
  }

  /** Sends a request to the worker (started if need be); when it cannot start, the request fails at once. */
  private post(msg: ToWorker, id: number): void {
    try {
      this.ensureWorker().postMessage(msg);
    } catch (e) {
      const p = this.pending.get(id) ?? this.formats.get(id) ?? this.answers.get(id);
      this.pending.delete(id);
      this.formats.delete(id);
      this.answers.delete(id);
      p?.reject(e instanceof AnalysisFailed ? e : new AnalysisFailed(`cannot start the analysis worker (${(e as Error).message})`, false));
    }
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
      this.post(msg, id);
    });
  }

  /** The worker starts on the first request, so activation loads nothing heavy; after a death it is restarted once. */
  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    if (this.stoppedReason !== undefined) throw new AnalysisFailed(`the analysis worker stopped twice (${this.stoppedReason}); run "Rescan Workspace" to start it again`, false);
    const w = new Worker(this.workerFile, { stdout: false, stderr: false, resourceLimits: this.resourceLimits });
    let dead = false;
    // An out-of-memory error, an uncaught exception or an exit: whichever comes first counts once.
    const died = (reason: string) => {
      if (dead) return;
      dead = true;
      if (this.worker === w) this.worker = undefined;
      if (this.disposed) return;
      this.onDeath(reason);
    };
    w.on("message", (raw: unknown) => this.onMessage(raw));
    w.on("error", (e) => {
      this.log.error(`analysis worker crashed: ${e.stack ?? e.message}`);
      const oom = (e as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY";
      died(oom ? `out of memory: over the ${this.resourceLimits.maxOldGenerationSizeMb ?? "?"} MB heap cap` : e.message);
    });
    w.on("exit", (code) => died(`exited with code ${code}`));
    this.worker = w;
    return w;
  }

  /** A death: every request in flight fails (folders reopen); the first one restarts the worker, the second stops it. */
  private onDeath(reason: string): void {
    this.deaths++;
    this.failAll(`the analysis worker stopped (${reason})`, false);
    if (this.deaths === 1) {
      this.log.error(`analysis worker stopped (${reason}); restarting it`);
      this.events.restarted?.(reason);
    } else {
      this.stoppedReason = reason;
      this.log.error(`analysis worker stopped again (${reason}); not restarting it until "Rescan Workspace"`);
      this.events.stopped?.(reason);
    }
  }

  private failAll(message: string, cancelled: boolean): void {
    const all = [...this.pending.values(), ...this.formats.values(), ...this.answers.values()];
    this.pending.clear();
    this.formats.clear();
    this.answers.clear();
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
      case "report/markdown": {
        this.formats.get(msg.id)?.resolve(msg.text);
        this.formats.delete(msg.id);
        return;
      }
      case "fixes/site":
      case "fixes/all": {
        this.answers.get(msg.id)?.resolve(msg);
        this.answers.delete(msg.id);
        return;
      }
      case "request/failed": {
        const p = this.pending.get(msg.id) ?? this.formats.get(msg.id) ?? this.answers.get(msg.id);
        this.pending.delete(msg.id);
        this.formats.delete(msg.id);
        this.answers.delete(msg.id);
        p?.reject(new AnalysisFailed(msg.message, msg.cancelled, msg.problems ?? [], msg.needsOpen ?? false));
        return;
      }
      default:
        msg satisfies never;
    }
  }
}
