/**
 * The workspace score over time, as the panel's sparkline draws it: one point per completed scan, at
 * most one per hour. Pure (the clock is an argument) so the rule is unit-tested; storage is trendStore.ts.
 */

/** One point of the trend: the score of the last scan completed in the hour that began at `at`. */
export interface TrendPoint {
  /** When this point's hour began: the time of the first scan recorded in it (ms since the epoch). */
  at: number;
  /** The workspace score (0–100) of the latest scan in that hour. */
  score: number;
}

export const HOUR_MS = 60 * 60 * 1000;
/** Points kept; the oldest go first. 500 hours of scans is months of ordinary use. */
export const MAX_POINTS = 500;

/**
 * The trend after a scan completed with `score` at `now`, or undefined when nothing changes (so
 * nothing is written). Within an hour of the last point's start, the scan replaces that point's score:
 * edits settle into one point per hour, the hour's last (stable) score, instead of one per keystroke.
 * An hour or more after it, the scan starts a new point, even when the score is the same: a flat line
 * over days is part of the story. A clock that went backwards counts as the same hour.
 */
export function recordScore(points: readonly TrendPoint[], score: number, now: number): TrendPoint[] | undefined {
  const last = points[points.length - 1];
  if (last && now - last.at < HOUR_MS) {
    if (last.score === score) return undefined;
    return [...points.slice(0, -1), { at: last.at, score }];
  }
  return [...points, { at: now, score }].slice(-MAX_POINTS);
}
