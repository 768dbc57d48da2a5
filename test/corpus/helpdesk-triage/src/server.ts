/** HTTP entry point. */
import express from "express";
import mongoose from "mongoose";
import { tickets } from "./routes/tickets.js";
import { health } from "./routes/health.js";
import { logger } from "./lib/index.js";

const app = express();
app.use(express.json({ limit: "256kb" }));
app.use(health);
app.use("/api", tickets);

await mongoose.connect(process.env.MONGO_URL ?? "mongodb://localhost:27017/helpdesk");
const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => logger.info(`helpdesk-triage listening on :${port}`));
