/** Fastify entry point. */
import Fastify from "fastify";
import { askRoutes } from "./routes/ask.js";

const app = Fastify({ logger: true });
await app.register(askRoutes, { prefix: "/api" });
await app.listen({ port: Number(process.env.PORT ?? 8080), host: "0.0.0.0" });
