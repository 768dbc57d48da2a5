import express from "express";
import multer from "multer";
import { HelpdeskAssistant } from "./assistant/HelpdeskAssistant";
import { streamAnswer } from "./assistant/stream";
import { classifyTicket } from "./classify";
import { findSnippets } from "./search/knowledge";
import { transcribeVoiceNote, illustrate } from "./media";

const app = express();
const upload = multer({ limits: { fileSize: 25 * 1024 * 1024 } });
const assistant = new HelpdeskAssistant();
app.use(express.json());

app.post("/chat", async (req, res) => {
  const snippets = await findSnippets(req.body.question);
  try {
    const answer = await assistant.answer(req.body.question, req.body.history ?? [], snippets);
    res.json({ answer });
  } catch (err) {
    res.json({ answer: "The assistant is unavailable. Top articles:", articles: snippets.slice(0, 3) });
  }
});

app.post("/chat/stream", streamAnswer);

app.post("/tickets", async (req, res) => {
  res.json({ group: await classifyTicket(req.body.text) });
});

app.post("/voice", upload.single("audio"), async (req, res) => {
  if (!req.file) return void res.status(400).end();
  const text = await transcribeVoiceNote(new Uint8Array(req.file.buffer));
  res.json({ text, group: await classifyTicket(text) });
});

app.post("/articles/:id/illustration", async (req, res) => {
  res.json({ url: await illustrate(req.body.title) });
});

app.listen(Number(process.env.PORT ?? 3978));
