import path from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { expect, test } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(root, "dist/cli.js");

test("digest meeting prints decisions and owners", async () => {
  const { stdout, exitCode } = await execa("node", [bin, "meeting", path.join(root, "data/standup.txt")]);
  expect(exitCode).toBe(0);
  expect(stdout.toLowerCase()).toContain("decision");
});
