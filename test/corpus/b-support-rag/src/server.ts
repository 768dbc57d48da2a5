// Express entry point.
import express from "express";
import { buildKnowledgeBase } from "./ingest";
import { SupportService } from "./support-service";
import { DEFAULT_TRIAGE, triageTicket, type Triage } from "./chains/triage";
import { logger } from "./logger";
import { metrics } from "./metrics";
import articles from "../data/articles.json";

const app = express();
app.use(express.json());

const store = await buildKnowledgeBase(articles);
const service = new SupportService(store);

app.post("/ask", async (req, res) => {
  const answer = await service.answer(String(req.body.question ?? ""));
  res.json({ answer });
});

app.post("/tickets/triage", async (req, res) => {
  const { subject, body } = req.body as { subject: string; body: string };
  let triage: Triage;
  try {
    triage = await triageTicket(subject, body);
  } catch (err) {
    logger.warn({ err }, "triage failed, filing ticket as untriaged");
    triage = DEFAULT_TRIAGE;
  }
  res.json(triage);
});

app.get("/metrics", (_req, res) => {
  res.json(metrics.snapshot());
});

app.listen(Number(process.env.PORT ?? 3000), () => logger.info("support-rag listening"));
