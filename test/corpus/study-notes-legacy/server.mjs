/** Express app serving the study-notes UI and its JSON API. */
import express from "express";
import { summarizeNotes } from "./lib/summarize.cjs";
import { makeQuiz } from "./lib/quiz.mjs";
import tutorModule from "./lib/tutor.js";
import stats from "./lib/stats.js";

const { Tutor } = tutorModule;
const tutors = new Map();
const app = express();
app.use(express.json({ limit: "1mb" }));
app.use(express.static("public"));

app.post("/api/summary", async (req, res) => {
  try {
    const summary = await summarizeNotes(req.body.text);
    res.json({ summary });
  } catch (err) {
    console.error("summary failed", err);
    res.json({ summary: req.body.text.slice(0, 500), truncated: true });
  }
});

app.post("/api/quiz", async (req, res, next) => {
  try {
    res.json(await makeQuiz(req.body.text, req.body.count));
  } catch (err) {
    next(err);
  }
});

app.post("/api/tutor/:subject", async (req, res) => {
  const key = `${req.body.sessionId}:${req.params.subject}`;
  let tutor = tutors.get(key);
  if (!tutor) {
    tutor = new Tutor(req.params.subject);
    tutors.set(key, tutor);
  }
  const answer = await tutor.ask(req.body.question);
  res.json({ answer });
});

app.get("/api/stats", (_req, res) => res.json(stats.totals));

app.use((err, _req, res, _next) => {
  console.error(err);
  res.status(500).json({ error: "Something went wrong, please try again." });
});

app.listen(process.env.PORT ?? 3000);
