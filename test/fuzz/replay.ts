/** Runs a saved fuzz input again (test/fuzz/regressions/*.json, test/fuzz/seeds/*.json) with the oracle that judged it. */
import path from "node:path";
import type { EditStep, ConfigTarget, SuppressionCase, Outcome } from "./targets";
import { ConfigBench, PathBench, ProjectBench, runSequence, runSuppression, runWebviewMessage, scanAlone } from "./targets";
import { KEEPING } from "./sourceMutations";

export type SavedInput =
  | { kind: "source"; project: string; file: string; mutation: string; text: string }
  | { kind: "alone"; file: string; mutation: string; text: string }
  | { kind: "config"; target: ConfigTarget; text: string }
  | { kind: "suppression"; case: SuppressionCase }
  | { kind: "webview"; message: unknown }
  | { kind: "path"; rel: string; escapes: boolean }
  | { kind: "session"; project: string; steps: EditStep[] };

const CORPUS = path.resolve("test/corpus");

export async function replay(input: SavedInput, verbose = false): Promise<Outcome> {
  switch (input.kind) {
    case "source": {
      const bench = await ProjectBench.open(path.join(CORPUS, input.project));
      try {
        return await bench.run(input.file, input.text, KEEPING.some((m) => m.name === input.mutation));
      } finally {
        bench.dispose();
      }
    }
    case "alone":
      return scanAlone(input.file, input.text);
    case "config": {
      const bench = new ConfigBench();
      try {
        return await bench.run(input.target, input.text);
      } finally {
        bench.dispose();
      }
    }
    case "suppression":
      return runSuppression(input.case);
    case "webview":
      return runWebviewMessage(input.message);
    case "path": {
      const bench = new PathBench();
      try {
        // Saved paths may name the bench's temp root of the run that saved them: point them at this one.
        return bench.run(input.rel.replace(/\/tmp\/llmr-fuzz-paths-[^/]+/g, bench.root), input.escapes);
      } finally {
        bench.dispose();
      }
    }
    case "session":
      return runSequence(path.join(CORPUS, input.project), input.steps, verbose);
  }
}
