/**
 * The per-file time budget: one file's analysis (parse, site detection, judging) may take so long;
 * past it the file's analysis stops, the file is listed in the report's `skipped` (`time-budget`)
 * and the scan goes on. Hot paths of the core call `checkBudget()`, which is free when no budget runs.
 */

/** The default budget per file, in milliseconds (`fileBudgetMs` in ScanOptions and .llm-readiness.json). */
export const DEFAULT_FILE_BUDGET_MS = 2000;

/** A clock in milliseconds (injected by tests; `performance.now` otherwise). */
export type Clock = () => number;

/** Thrown out of a file's analysis when its budget is spent; caught where the file is analysed. */
export class BudgetExceeded extends Error {
  constructor(
    readonly file: string,
    readonly budgetMs: number,
  ) {
    super(`${file}: analysis took longer than the ${budgetMs} ms budget`);
    this.name = "BudgetExceeded";
  }
}

interface Running {
  file: string;
  budgetMs: number;
  deadline: number;
  clock: Clock;
  ticks: number;
  tripped: boolean;
  /** Time spent in unbudgeted work (shared indexes) inside this run. */
  excluded: number;
}

let running: Running | undefined;

/** How often the clock is read: every CHECK_EVERY calls of checkBudget (the clock costs more than a counter). */
const CHECK_EVERY = 32;

/** Throws BudgetExceeded when the file being analysed is past its budget (a no-op outside a budget). */
export function checkBudget(): void {
  const r = running;
  if (!r) return;
  if (!r.tripped && ++r.ticks % CHECK_EVERY !== 0) return;
  if (r.tripped || r.clock() > r.deadline) {
    // Sticky: a catch inside the core that swallows the error meets it again at the next checkpoint.
    r.tripped = true;
    throw new BudgetExceeded(r.file, r.budgetMs);
  }
}

/**
 * For a catch that turns an evaluator failure into "no value": the budget's stop goes through, so
 * that nothing memoized for the rest of the scan is computed from a half-done answer.
 */
export function rethrowBudget(e: unknown): void {
  if (e instanceof BudgetExceeded) throw e;
}

/** The file whose budget runs now (for logs, and for tests' clocks). */
export function budgetFile(): string | undefined {
  return running?.file;
}

/** Work that serves every file (a workspace-wide index) runs outside the current file's budget. */
export function unbudgeted<T>(fn: () => T): T {
  const r = running;
  if (!r) return fn();
  running = undefined;
  const start = r.clock();
  try {
    return fn();
  } finally {
    const spent = r.clock() - start;
    r.deadline += spent;
    r.excluded += spent;
    running = r;
  }
}

/** The budgets of one scan or update: time spent per file adds up across its phases. */
export class FileBudgets {
  private readonly spent = new Map<string, number>();

  constructor(
    readonly budgetMs: number = DEFAULT_FILE_BUDGET_MS,
    private readonly clock: Clock = () => performance.now(),
  ) {}

  /**
   * Runs part of a file's analysis under what is left of its budget. Throws BudgetExceeded when the
   * budget runs out, at a checkpoint or (for work without checkpoints, such as the parser) after `fn`.
   */
  run<T>(file: string, fn: () => T): T {
    const used = this.spent.get(file) ?? 0;
    if (used > this.budgetMs) throw new BudgetExceeded(file, this.budgetMs);
    const prev = running;
    const r: Running = { file, budgetMs: this.budgetMs, deadline: 0, clock: this.clock, ticks: 0, tripped: false, excluded: 0 };
    running = r;
    const start = this.clock();
    r.deadline = start + this.budgetMs - used;
    let out: T;
    try {
      out = fn();
    } finally {
      this.spent.set(file, used + Math.max(0, this.clock() - start - r.excluded));
      running = prev;
    }
    if (this.spent.get(file)! > this.budgetMs) throw new BudgetExceeded(file, this.budgetMs);
    return out;
  }

  /** Milliseconds spent on a file so far. */
  spentOn(file: string): number {
    return this.spent.get(file) ?? 0;
  }

  /** The milliseconds spent per file so far (a copy: phases are told apart by the difference of two). */
  snapshot(): Map<string, number> {
    return new Map(this.spent);
  }
}

/**
 * The slowest files of a scan, one line each with the time per phase (`LLMR_PROFILE_FILES=<n>` prints
 * them on stderr: a debugging aid to find the files whose analysis costs most).
 */
export function slowestFiles(phases: ReadonlyArray<readonly [string, ReadonlyMap<string, number>]>, count: number): string[] {
  const total = phases.at(-1)?.[1] ?? new Map<string, number>();
  const rows = [...total].sort((a, b) => b[1] - a[1]).slice(0, count);
  return rows.map(([file, ms]) => {
    let prev = 0;
    const parts = phases.map(([name, snap]) => {
      const at = snap.get(file) ?? 0;
      const part = `${name} ${(at - prev).toFixed(0)}`;
      prev = at;
      return part;
    });
    return `${ms.toFixed(0).padStart(6)} ms  ${file}  (${parts.join(", ")})`;
  });
}
