import path from "node:path";
import { AnalysisSession } from "../../src/core/session";
import { generateLargeModule } from "./generate";
async function main() {
  const ws = process.argv[2]!;
  const s = await AnalysisSession.open(ws);
  const abs = path.join(ws, "packages", "pkg-00", "src", "services", "benchEdited1000.ts");
  const base = generateLargeModule(1000, 1000);
  await s.update([{ abs, text: base }]);
  const { Session } = await import("node:inspector");
  const ins = new Session(); ins.connect();
  const post = (m: string, p?: object) => new Promise<any>((res, rej) => ins.post(m, p ?? {}, (e, r) => (e ? rej(e) : res(r))));
  await post("Profiler.enable"); await post("Profiler.start");
  const t = performance.now();
  for (let i = 0; i < 10; i++) await s.update([{ abs, text: `// e ${i}\n` + base }]);
  console.log("per update", (performance.now() - t) / 10);
  const { profile } = await post("Profiler.stop");
  const self = new Map<string, number>();
  const byId = new Map<number, any>(profile.nodes.map((n: any) => [n.id, n]));
  const dt = profile.timeDeltas; const samples = profile.samples;
  for (let i = 0; i < samples.length; i++) { const n = byId.get(samples[i]); const k = `${n.callFrame.functionName}@${path.basename(n.callFrame.url)}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + dt[i]); }
  // inclusive
  const parent = new Map<number, number>(); for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map<string, number>();
  for (let i = 0; i < samples.length; i++) { const seen = new Set<string>(); for (let id: number | undefined = samples[i]; id !== undefined; id = parent.get(id)) { const n = byId.get(id); const k = `${n.callFrame.functionName}@${path.basename(n.callFrame.url)}`; if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + dt[i]); } } }
  console.log("SELF"); for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((v / 1000 / 10).toFixed(1), k);
  console.log("INCL"); for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log((v / 1000 / 10).toFixed(1), k);
}
main();
