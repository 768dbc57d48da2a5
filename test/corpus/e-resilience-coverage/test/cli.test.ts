import { describe, expect, it } from "vitest";
import { buildProgram } from "../src/cli";

describe("buildProgram", () => {
  it("names the program and registers its commands", () => {
    const program = buildProgram();
    expect(program.name()).toBe("notes");
    expect(program.commands.map((c) => c.name())).toContain("summarize");
  });
});
