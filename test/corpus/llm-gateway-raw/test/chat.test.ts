import { describe, it, expect, vi, afterEach } from "vitest";
import express from "express";
import request from "supertest";
import { chatRouter } from "../src/routes/chat.js";

const app = express().use(express.json()).use(chatRouter);

afterEach(() => vi.unstubAllGlobals());

describe("POST /v1/chat", () => {
  it("answers from Anthropic when OpenAI rejects the request", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string) =>
        String(url).includes("api.openai.com")
          ? new Response("unauthorized", { status: 401 })
          : Response.json({ content: [{ type: "text", text: "Hello from Claude" }] }),
      ),
    );
    const res = await request(app).post("/v1/chat").send({ messages: [{ role: "user", content: "hi" }] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ vendor: "anthropic", text: "Hello from Claude" });
  });

  it("returns the OpenAI answer when it succeeds", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Response.json({ choices: [{ message: { content: "Hi!" } }], usage: { prompt_tokens: 3, completion_tokens: 2 } })),
    );
    const res = await request(app).post("/v1/chat").send({ messages: [{ role: "user", content: "hi" }] });
    expect(res.body).toEqual({ vendor: "openai", text: "Hi!" });
  });
});
