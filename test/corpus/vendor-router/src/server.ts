/** HTTP API. */
import express from "express";
import { buildDigest, type Article } from "./services/digest.js";
import { translate } from "./services/translate.js";
import { suggestTags } from "./llm/gemini.js";
import { rewriteHeadline } from "./llm/openrouter.js";
import { createCheckout } from "./billing.js";

const app = express();
app.use(express.json({ limit: "1mb" }));

app.post("/digest", async (req, res) => {
  const articles = req.body.articles as Article[];
  res.type("text/markdown").send(await buildDigest(articles));
});

app.post("/translate", async (req, res) => {
  res.json({ text: await translate(req.body.text, req.body.lang) });
});

app.post("/articles/enrich", async (req, res) => {
  const { headline, body } = req.body as { headline: string; body: string };
  const [tags, clearHeadline] = await Promise.all([
    suggestTags(headline, body),
    rewriteHeadline(headline),
  ]);
  res.json({ tags, headline: clearHeadline });
});

app.post("/subscribe", async (req, res) => {
  res.json({ url: await createCheckout(req.body.email) });
});

app.listen(Number(process.env.PORT ?? 4000));
