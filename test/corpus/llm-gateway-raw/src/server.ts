/** Gateway HTTP server. */
import express from "express";
import { chatRouter } from "./routes/chat.js";
import { toolsRouter } from "./routes/tools.js";
import { realtimeRouter } from "./realtime.js";
import { checkUpstreams } from "./health.js";
import { postJson } from "./lib/http.js";
import { log } from "./lib/log.js";

const app = express();
app.use(express.json({ limit: "2mb" }));

app.use((req, _res, next) => {
  if (process.env.AUDIT_WEBHOOK_URL && req.method === "POST") {
    void postJson(process.env.AUDIT_WEBHOOK_URL, { path: req.path, at: new Date().toISOString() }).catch((err) =>
      log.warn({ err }, "audit webhook failed"),
    );
  }
  next();
});

app.use(chatRouter);
app.use(toolsRouter);
app.use(realtimeRouter);
app.get("/status", async (_req, res) => res.json(await checkUpstreams()));

app.listen(Number(process.env.PORT ?? 8787), () => log.info("gateway up"));
