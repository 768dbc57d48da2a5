/** Claude clients: the interactive one carries our defaults, the batch one is configured per request. */
import Anthropic from "@anthropic-ai/sdk";
import { LLM_DEFAULTS } from "../config.js";

const client = new Anthropic({ ...LLM_DEFAULTS, apiKey: process.env.ANTHROPIC_API_KEY });
const batchClient = new Anthropic();

export { client as anthropic, batchClient };
