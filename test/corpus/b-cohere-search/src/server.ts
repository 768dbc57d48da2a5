import express from "express";
import { cohere } from "./cohere";
import { AnswerService } from "./answer";
import { embedQuery } from "./search/embed";
import { rerankChunks } from "./search/rerank";
import { VectorIndex, type DocChunk } from "./search/vectorIndex";
import { streamAnswer } from "./stream";
import { classifyQuestion } from "./classify";
import { fitsBudget } from "./budget";
import chunks from "../data/chunks.json";

const index = new VectorIndex(chunks as DocChunk[]);
const answers = new AnswerService(cohere);
const app = express();
app.use(express.json());

app.post("/ask", async (req, res) => {
  const question = String(req.body.question ?? "");
  if (!(await fitsBudget(question))) return void res.status(413).json({ error: "question too long" });
  const candidates = index.nearest(await embedQuery(question), 40);
  const ranked = await rerankChunks(question, candidates);
  res.json(await answers.answer(question, ranked));
});

app.post("/ask/stream", async (req, res) => {
  res.setHeader("content-type", "text/event-stream");
  await streamAnswer(String(req.body.question), res);
});

app.post("/classify", async (req, res) => {
  res.json(await classifyQuestion(String(req.body.question)));
});

app.get("/healthz", async (_req, res) => {
  const { valid } = await cohere.checkApiKey();
  const { models } = await cohere.models.list({ endpoint: "chat" });
  res.json({ ok: valid && models.length > 0 });
});

app.listen(Number(process.env.PORT ?? 3000));
