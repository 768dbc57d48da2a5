/**
 * The analysis of one workspace folder: opens its session in the worker, batches edits (debounced)
 * into updates one at a time, and reopens when an update cannot apply. Owns no vscode UI.
 */
import type { Logger } from "../core/types";
import type { EditorReport, WorkerScanOptions } from "../shared/workerMessages";
import { AnalysisFailed, type AnalysisClient } from "./analysisClient";

export interface FolderEvents {
  /** A new report: after an open (`open`) or an update (`update`), with the worker's time. */
  report(report: EditorReport, how: "open" | "update", ms: number, files: number): void;
  /** The folder could not be analysed (not called for cancellations). */
  failed(error: AnalysisFailed): void;
  /** An open was cancelled before it produced a report. */
  cancelled(): void;
}

export interface OpenOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export class FolderAnalysis {
  report: EditorReport | undefined;
  /** The latest request failed (until the next success). */
  failure: AnalysisFailed | undefined;
  private readonly changes = new Map<string, string | null>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private opening: { controller: AbortController; done: Promise<void> } | undefined;
  private updating: Promise<void> | undefined;
  /** Cancels the update in flight: a newer edit makes it stale. */
  private updateController: AbortController | undefined;
  private hasSession = false;
  private disposed = false;
  private waiters: (() => void)[] = [];

  constructor(
    /** Absolute path of the folder. */
    readonly root: string,
    private readonly client: AnalysisClient,
    private readonly events: FolderEvents,
    private readonly options: () => WorkerScanOptions,
    /** Unsaved buffers in this folder, by absolute path. */
    private readonly overlay: () => Map<string, string>,
    private readonly debounceMs: () => number,
    private readonly log: Logger,
  ) {}

  /** Scans the folder afresh (startup, rescan, configuration change), cancelling an open in progress. */
  open(opts: OpenOptions = {}): Promise<void> {
    this.opening?.controller.abort();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    // Everything queued so far is on disk or in the overlay this open sends.
    this.changes.clear();
    const controller = new AbortController();
    if (opts.signal?.aborted) controller.abort();
    else opts.signal?.addEventListener("abort", () => controller.abort(), { once: true });
    const run = async () => {
      try {
        const { report, ms } = await this.client.open(this.root, this.options(), this.overlay(), {
          signal: controller.signal,
          ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
        });
        if (this.opening?.controller !== controller || this.disposed) return;
        this.hasSession = true;
        this.accept(report, "open", ms, report.summary.files);
      } catch (e) {
        if (this.opening?.controller !== controller || this.disposed) return;
        this.hasSession = false;
        const err = e instanceof AnalysisFailed ? e : new AnalysisFailed(String(e), false);
        if (err.cancelled) this.events.cancelled();
        else this.fail(err);
      } finally {
        if (this.opening?.controller === controller) this.opening = undefined;
        this.next();
      }
    };
    const done = run();
    this.opening = { controller, done };
    return done;
  }

  /** A file's new text (buffer or disk), or null when deleted: analysed after the debounce. */
  change(abs: string, text: string | null): void {
    if (this.disposed) return;
    this.changes.set(abs, text);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // The update in flight analyses texts that are already old: cancel it; its files go into the next batch.
      this.updateController?.abort();
      this.next();
    }, this.debounceMs());
  }

  /** Resolves when nothing is queued, waiting or running. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  dispose(): void {
    this.disposed = true;
    this.opening?.controller.abort();
    if (this.timer) clearTimeout(this.timer);
    this.client.close(this.root);
    this.changes.clear();
    this.settle();
  }

  /** Nothing queued, waiting or running now. */
  isIdle(): boolean {
    return !this.timer && !this.opening && !this.updating && (this.changes.size === 0 || this.disposed);
  }

  private settle(): void {
    if (!this.isIdle()) return;
    const w = this.waiters;
    this.waiters = [];
    for (const resolve of w) resolve();
  }

  /** Starts the next update when one can run: one request at a time, the newest text of each file. */
  private next(): void {
    if (this.disposed || this.opening || this.updating || this.timer) return this.settle();
    if (this.changes.size === 0) return this.settle();
    if (!this.hasSession) {
      // No session (a failed or cancelled open, a worker restart): a full open picks up every change.
      if (this.failure && !this.failure.needsOpen) return this.settle();
      void this.open();
      return;
    }
    const batch = [...this.changes].map(([abs, text]) => ({ abs, text }));
    this.changes.clear();
    const controller = new AbortController();
    this.updateController = controller;
    this.updating = (async () => {
      try {
        const { report, ms } = await this.client.update(this.root, batch, { signal: controller.signal });
        if (!this.disposed) this.accept(report, "update", ms, batch.length);
      } catch (e) {
        if (this.disposed) return;
        const err = e instanceof AnalysisFailed ? e : new AnalysisFailed(String(e), false);
        if (err.cancelled) {
          // Stale: the files not edited since go again with the newer ones.
          for (const c of batch) if (!this.changes.has(c.abs)) this.changes.set(c.abs, c.text);
          return;
        }
        // The session may be half-updated: start over from disk and buffers.
        this.log.warn(`update of ${this.root} failed (${err.message}); rescanning the folder`);
        this.hasSession = false;
        for (const c of batch) if (!this.changes.has(c.abs)) this.changes.set(c.abs, c.text);
      } finally {
        this.updating = undefined;
        if (this.updateController === controller) this.updateController = undefined;
        this.next();
      }
    })();
  }

  private accept(report: EditorReport, how: "open" | "update", ms: number, files: number): void {
    this.report = report;
    this.failure = undefined;
    this.events.report(report, how, ms, files);
  }

  private fail(err: AnalysisFailed): void {
    this.failure = err;
    this.events.failed(err);
  }
}
