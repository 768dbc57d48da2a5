/** Keeps each folder's score trend (trend.ts) in the extension's workspace storage, read back through zod. */
import { z } from "zod";
import { TrendPoint as TrendPointSchema } from "../shared/panelMessages";
import { recordScore, type TrendPoint } from "./trend";

/** The part of `vscode.Memento` (context.workspaceState) the store uses. */
export interface TrendMemento {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

const Stored = z.array(TrendPointSchema);

export class TrendStore {
  /** What was read or written, so a record never waits for (or races) the storage's write. */
  private readonly cache = new Map<string, TrendPoint[]>();

  constructor(
    private readonly memento: TrendMemento,
    private readonly log: (message: string) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** A folder's trend, oldest first; a stored value that is not a trend (a hand edit, a future format) reads as empty. */
  get(folder: string): TrendPoint[] {
    const cached = this.cache.get(folder);
    if (cached) return cached;
    const raw = this.memento.get(keyOf(folder));
    let points: TrendPoint[] = [];
    if (raw !== undefined) {
      const r = Stored.safeParse(raw);
      if (r.success) points = r.data;
      else this.log(`the stored score trend of ${folder} is not valid, a new one starts: ${z.prettifyError(r.error).split("\n")[0]}`);
    }
    this.cache.set(folder, points);
    return points;
  }

  /** Records a completed scan's score (trend.ts's rule) and returns the folder's trend with it; the write goes on in the background. */
  record(folder: string, score: number): TrendPoint[] {
    const after = recordScore(this.get(folder), score, this.now());
    if (!after) return this.get(folder);
    this.cache.set(folder, after);
    Promise.resolve(this.memento.update(keyOf(folder), after)).then(undefined, (e: unknown) => this.log(`could not store the score trend of ${folder}: ${String(e)}`));
    return after;
  }
}

const keyOf = (folder: string) => `llmReadiness.trend:${folder}`;
