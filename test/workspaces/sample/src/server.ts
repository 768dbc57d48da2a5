import express from "express";
import { answerRouter } from "./routes/answer";
import { ticketsRouter } from "./routes/tickets";

const app = express();
app.use(express.json({ limit: "256kb" }));
app.use(answerRouter);
app.use(ticketsRouter);

app.get("/healthz", (_req, res) => {
  res.json({ ok: true });
});

const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => {
  console.log(`support-bot listening on :${port}`);
});
