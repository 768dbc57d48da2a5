import { generateObject, generateText, tool } from "ai";
import { openai } from "@ai-sdk/openai";
import { z } from "zod";
import { db } from "./store";

const Page = z.object({ headline: z.string(), sections: z.array(z.object({ title: z.string(), body: z.string() })) });

/** Generates a landing page, saves the row and returns its id and link: a record saved and returned. */
export async function buildLandingPage(brief: string, ownerId: string) {
  const { object: page } = await generateObject({ model: openai("gpt-4o"), schema: Page, prompt: `Write a landing page for: ${brief}` });
  const pageId = crypto.randomUUID();
  await db.query("insert into pages (id, owner_id, content) values ($1, $2, $3)", [pageId, ownerId, JSON.stringify(page)]);
  return { pageId, page, url: `/p/${pageId}` };
}

/** Extracts facts from a conversation and stores them; returns nothing. */
export async function rememberFacts(userId: string, messages: { role: string; content: string }[]) {
  const conversation = messages
    .map((m) => {
      const text = m.content.slice(0, 500);
      return `${m.role}: ${text}`;
    })
    .join("\n");
  const { text } = await generateText({ model: openai("gpt-4o-mini"), prompt: `List new facts about the user as a JSON array:\n${conversation}` });
  const facts = JSON.parse(text) as string[];
  const known = await db.query("select fact from facts where user_id = $1", [userId]);
  const fresh = facts.filter((f) => {
    return !known.rows.some((r) => r.fact === f);
  });
  for (const f of fresh) await db.query("insert into facts (user_id, fact) values ($1, $2)", [userId, f]);
}

/** Short summary: a wrapper. */
export async function summarize(text: string): Promise<string> {
  const { text: summary } = await generateText({ model: openai("gpt-4o-mini"), prompt: `Summarize:\n${text}` });
  return summary;
}

/** A tool factory: returns tools whose execute runs later; its call is not a site. */
export function createPageTools(ownerId: string) {
  return {
    summarize_page: tool({
      description: "Summarize a page body",
      inputSchema: z.object({ body: z.string() }),
      async execute(input) {
        return { ok: true, summary: await summarize(input.body) };
      },
    }),
    build_page: tool({
      description: "Build a landing page",
      inputSchema: z.object({ brief: z.string() }),
      async execute(input) {
        return buildLandingPage(input.brief, ownerId);
      },
    }),
  };
}
