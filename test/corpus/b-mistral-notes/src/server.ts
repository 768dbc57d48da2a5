// HTTP API for the meeting-notes web app.
import express from "express";
import { processMeeting, listActionItems } from "./notes/service";
import { askAboutMeeting } from "./notes/ask";
import { embedChunks, cosine } from "./search/embed";
import { db } from "./db";
import { checkMistral } from "./health";

const app = express();
app.use(express.json({ limit: "2mb" }));

app.post("/meetings/:id/notes", async (req, res) => {
  try {
    res.json(await processMeeting(req.params.id, req.body.transcript));
  } catch (err) {
    console.error("notes failed", err);
    res.status(500).json({ error: "summarization failed" });
  }
});

app.post("/meetings/:id/action-items", async (req, res) => {
  res.json(await listActionItems(req.body.transcript));
});

app.post("/meetings/:id/ask", async (req, res) => {
  const notes = await db.getNotes(req.params.id);
  if (!notes) return void res.status(404).end();
  res.setHeader("content-type", "text/plain; charset=utf-8");
  for await (const piece of askAboutMeeting(notes.summary, req.body.question)) res.write(piece);
  res.end();
});

app.post("/search", async (req, res) => {
  const [query, ...candidates] = await embedChunks([req.body.query, ...req.body.candidates]);
  const scores = candidates.map((c) => cosine(query, c));
  res.json({ scores });
});

app.get("/ready", async (_req, res) => {
  const status = await checkMistral();
  res.status(status.ok ? 200 : 503).json(status);
});

app.listen(Number(process.env.PORT ?? 4000));
