/** The score trend: one point per completed scan, at most one per hour (src/panel/trend.ts), kept in workspace storage (trendStore.ts). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HOUR_MS, MAX_POINTS, recordScore, type TrendPoint } from "../../src/panel/trend";
import { TrendStore, type TrendMemento } from "../../src/panel/trendStore";

const T0 = Date.UTC(2025, 10, 3, 9, 0);
const MIN = 60_000;

/** Records scores at the given minutes after T0, starting from no trend. */
function replay(scans: [minute: number, score: number][]): TrendPoint[] {
  let points: TrendPoint[] = [];
  for (const [minute, score] of scans) points = recordScore(points, score, T0 + minute * MIN) ?? points;
  return points;
}

describe("recordScore: one point per hour", () => {
  it("the first scan starts the trend", () => {
    assert.deepEqual(recordScore([], 53, T0), [{ at: T0, score: 53 }]);
  });

  it("scans within the hour replace the point's score: the hour keeps its last, settled score", () => {
    assert.deepEqual(replay([[0, 53], [5, 49], [20, 58], [59, 61]]), [{ at: T0, score: 61 }]);
  });

  it("the same score within the hour changes nothing (no write)", () => {
    assert.equal(recordScore([{ at: T0, score: 53 }], 53, T0 + 30 * MIN), undefined);
  });

  it("an hour after the point began, a scan starts a new point, even with the same score", () => {
    assert.deepEqual(replay([[0, 53], [60, 53], [61, 55], [200, 55]]), [
      { at: T0, score: 53 },
      { at: T0 + 60 * MIN, score: 55 },
      { at: T0 + 200 * MIN, score: 55 },
    ]);
  });

  it("the hour is counted from the point's first scan, so steady editing still moves on every hour", () => {
    const minutes = Array.from({ length: 25 }, (_, i) => i * 10); // a scan every 10 minutes for four hours
    const points = replay(minutes.map((m, i) => [m, 50 + (i % 3)]));
    assert.deepEqual(points.map((p) => (p.at - T0) / MIN), [0, 60, 120, 180, 240]);
  });

  it("a clock set back counts as the same hour", () => {
    assert.deepEqual(recordScore([{ at: T0, score: 53 }], 60, T0 - 5 * HOUR_MS), [{ at: T0, score: 60 }]);
  });

  it("keeps the last MAX_POINTS points", () => {
    let points: TrendPoint[] = [];
    for (let i = 0; i < MAX_POINTS + 5; i++) points = recordScore(points, i % 100, T0 + i * HOUR_MS)!;
    assert.equal(points.length, MAX_POINTS);
    assert.equal(points[0]!.at, T0 + 5 * HOUR_MS);
  });
});

class FakeMemento implements TrendMemento {
  readonly values = new Map<string, unknown>();
  writes = 0;
  get(key: string): unknown {
    return this.values.get(key);
  }
  update(key: string, value: unknown): Promise<void> {
    this.writes++;
    this.values.set(key, structuredClone(value));
    return Promise.resolve();
  }
}

describe("TrendStore", () => {
  it("records per folder with the injected clock, writes only on change, and a new store reads it back", () => {
    const memento = new FakeMemento();
    let now = T0;
    const store = new TrendStore(memento, () => undefined, () => now);
    store.record("file:///a", 50);
    now += 10 * MIN;
    store.record("file:///a", 50);
    assert.equal(memento.writes, 1, "an unchanged score in the same hour is not written");
    now += HOUR_MS;
    store.record("file:///a", 62);
    store.record("file:///b", 90);
    assert.deepEqual(new TrendStore(memento, () => undefined, () => now).get("file:///a"), [
      { at: T0, score: 50 },
      { at: T0 + 70 * MIN, score: 62 },
    ]);
    assert.deepEqual(new TrendStore(memento).get("file:///b"), [{ at: T0 + 70 * MIN, score: 90 }]);
  });

  it("stored data that is not a trend reads as empty, and says so once", () => {
    const memento = new FakeMemento();
    memento.values.set("llmReadiness.trend:file:///a", [{ at: "yesterday", score: 50 }]);
    const logs: string[] = [];
    const store = new TrendStore(memento, (m) => logs.push(m), () => T0);
    assert.deepEqual(store.get("file:///a"), []);
    assert.deepEqual(store.record("file:///a", 70), [{ at: T0, score: 70 }]);
    assert.equal(logs.length, 1);
    assert.match(logs[0]!, /file:\/\/\/a/);
  });

  it("a failed write is logged, and the trend in memory goes on", async () => {
    const logs: string[] = [];
    const store = new TrendStore({ get: () => undefined, update: () => Promise.reject(new Error("disk full")) }, (m) => logs.push(m), () => T0);
    assert.deepEqual(store.record("file:///a", 40), [{ at: T0, score: 40 }]);
    await new Promise((r) => setImmediate(r));
    assert.match(logs.join("\n"), /disk full/);
    assert.deepEqual(store.get("file:///a"), [{ at: T0, score: 40 }]);
  });
});
