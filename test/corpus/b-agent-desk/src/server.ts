// HTTP API used by the helpdesk web app and the Slack bridge.
import express from "express";
import { runHelpdeskAgent } from "./agent/react";
import { answerInSlack } from "./agent/executor";
import { lookupAsset } from "./agent/tools";
import { routeTicket } from "./routing";
import { draftReply, polishTone } from "./replies";
import { answerHowTo } from "./kb/answer";
import { redact } from "./pipeline/redact";
import { localModel } from "./models";

const app = express();
app.use(express.json());

app.post("/agent", async (req, res) => {
  try {
    const answer = await runHelpdeskAgent(req.body.question, req.body.email);
    res.json({ answer });
  } catch (err) {
    console.error(err);
    res.status(502).json({ error: "agent unavailable" });
  }
});

app.post("/slack/events", async (req, res) => {
  res.json({ text: await answerInSlack(req.body.event.text) });
});

app.post("/tickets/route", async (req, res) => {
  const clean = await redact(req.body.text);
  const route = await routeTicket(clean);
  res.json(route);
});

app.post("/tickets/draft", async (req, res) => {
  const draft = await draftReply(await redact(req.body.ticket), req.body.notes ?? "");
  res.json({ draft: req.body.polish ? await polishTone(draft) : draft });
});

app.post("/kb/howto", async (req, res) => {
  res.json({ answer: await answerHowTo(req.body.question, req.body.excerpt) });
});

app.get("/assets/:tag", async (req, res) => {
  res.type("application/json").send(await lookupAsset.invoke({ tag: req.params.tag }));
});

// Streams a local-model explanation of an error message to the browser.
app.post("/explain", async (req, res) => {
  res.setHeader("content-type", "text/plain; charset=utf-8");
  const stream = await localModel.stream([
    ["system", "Explain this error message to a non-technical employee in two sentences."],
    ["human", String(req.body.error)],
  ]);
  for await (const chunk of stream) res.write(chunk.content as string);
  res.end();
});

app.listen(Number(process.env.PORT ?? 8080));
