/** Barrel for the shared lib folder. */
export * from "./openai.js";
export { recordUsage } from "./usage.js";
export { logger } from "./logger.js";
