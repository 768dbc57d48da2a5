#!/usr/bin/env node
// devmate CLI entry.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { Command } from "commander";
import { reviewDiff } from "./review.js";
import { explainError } from "./explain.js";
import { commitMessage } from "./commitmsg.js";
import { ChatEngine, CompletionEngine } from "./engines.js";
import { embedChunks } from "./embed.js";
import { embedFileLegacy } from "./legacyEmbed.js";
import { local } from "./ollama.js";

const git = (...args: string[]) => execFileSync("git", args, { encoding: "utf8" });
const program = new Command("devmate");

program.command("review").action(async () => {
  try {
    const review = await reviewDiff(git("diff", "--cached"));
    console.log(JSON.stringify(review, null, 2));
  } catch (err) {
    console.error("review unavailable:", (err as Error).message);
    process.exitCode = 1;
  }
});

program.command("explain <logfile>").action(async (logfile: string) => {
  await explainError(readFileSync(logfile, "utf8"), (s) => process.stdout.write(s));
});

program
  .command("commit")
  .option("--completion", "use /api/generate instead of /api/chat")
  .action(async (opts: { completion?: boolean }) => {
    const engine = opts.completion
      ? new CompletionEngine(local, "qwen2.5-coder:7b")
      : new ChatEngine(local, "llama3.2");
    console.log(await commitMessage(engine, git("diff", "--cached")));
  });

program
  .command("index")
  .option("--legacy")
  .action(async (opts: { legacy?: boolean }) => {
    const files = git("ls-files", "*.ts").split("\n").filter(Boolean);
    const index: Record<string, number[][]> = {};
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      if (opts.legacy) {
        index[file] = [await embedFileLegacy(text)];
        continue;
      }
      try {
        index[file] = await embedChunks(text.match(/[\s\S]{1,1500}/g) ?? []);
      } catch (err) {
        console.warn(`skipping ${file}: ${(err as Error).message}`);
      }
    }
    writeFileSync(".devmate-index.json", JSON.stringify(index));
  });

await program.parseAsync();
