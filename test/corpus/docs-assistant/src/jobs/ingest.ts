/** Nightly crawl of the docs site: summary and metadata per page, then upsert into search. */
import { z } from "zod";
import { claude } from "../llm/index.js";
import { summarizePage } from "../llm/summaries.js";
import { upsertPage } from "../search/index.js";

const DocMeta = z.object({
  title: z.string(),
  tags: z.array(z.string()).max(8),
  audience: z.enum(["admin", "developer", "end-user"]),
});

const EXTRACT_PROMPT = "Extract the page title, up to eight topic tags and the intended audience.";

async function crawl(sitemapUrl: string): Promise<{ url: string; title: string; text: string }[]> {
  const xml = await (await fetch(sitemapUrl)).text();
  const urls = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
  const pages = [];
  for (const url of urls) {
    const html = await (await fetch(url)).text();
    const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? url;
    pages.push({ url, title, text: html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim() });
  }
  return pages;
}

export async function ingest(sitemapUrl: string) {
  const pages = await crawl(sitemapUrl);
  for (const page of pages) {
    let meta: z.infer<typeof DocMeta> | null = null;
    try {
      meta = await claude.extract(DocMeta, EXTRACT_PROMPT, page.text);
    } catch (err) {
      console.warn(`metadata extraction failed for ${page.url}`, err);
    }
    const summary = await summarizePage(page.title, page.text);
    await upsertPage({
      ...page,
      title: meta?.title ?? page.title,
      tags: meta?.tags ?? [],
      audience: meta?.audience,
      summary,
    });
  }
}

await ingest(process.env.DOCS_SITEMAP ?? "https://docs.acme-deploy.dev/sitemap.xml");
