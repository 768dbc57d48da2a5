import { expect, test } from "bun:test";
import { addNote } from "../src/service";

test("addNote trims and stores the note", async () => {
  const out = await addNote("  buy milk ");
  expect(out).toEqual({ id: 1 });
});
