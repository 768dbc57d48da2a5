import { mock } from "bun:test";

mock.module("../src/db", () => ({
  insertNote: mock(async (body: string) => ({ id: 1, body, vector: [] })),
}));
