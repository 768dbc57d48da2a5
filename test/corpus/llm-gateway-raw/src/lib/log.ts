/** Gateway logger. */
import pino from "pino";

export const log = pino({ name: "llm-gateway" });
