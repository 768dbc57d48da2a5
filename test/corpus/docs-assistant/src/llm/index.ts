/** Public surface of the LLM layer. */
import { ClaudeService } from "./ClaudeService.js";

export const claude = new ClaudeService();
export { ClaudeService };
export { streamAnswer } from "./streamAnswer.js";
export { ANSWER_SYSTEM } from "./prompts.js";
export { getBedrock, vertexClient } from "./cloud.js";
