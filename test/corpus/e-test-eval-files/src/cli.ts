#!/usr/bin/env node
import { readFile } from "node:fs/promises";
import { Command } from "commander";
import { digestMeeting } from "./digest.js";
import { rewriteTone } from "./tone.js";

const program = new Command("digest").description("Meeting digests from transcripts");

program
  .command("meeting")
  .argument("<transcript>", "plain-text transcript")
  .action(async (file: string) => {
    process.stdout.write(await digestMeeting(await readFile(file, "utf8")));
  });

program
  .command("tone")
  .argument("<file>")
  .option("--formal", "formal instead of friendly")
  .action(async (file: string, opts: { formal?: boolean }) => {
    process.stdout.write(await rewriteTone(await readFile(file, "utf8"), opts.formal ? "formal" : "friendly"));
  });

await program.parseAsync(process.argv);
