import { Command } from "commander";
import { readFile } from "node:fs/promises";
import { summarizeNote } from "./note-summary";

export function buildProgram(): Command {
  const program = new Command("notes");
  program.version("0.3.0");
  program
    .command("summarize <file>")
    .description("summarize a note file")
    .action(async (file: string) => {
      const text = await readFile(file, "utf8");
      console.log(await summarizeNote(text));
    });
  return program;
}
