/** Entry point of the LLM folder. */
export { anthropic, batchClient } from "./anthropic.js";
export { summarizeStandup, writeRetro } from "./standup.js";
