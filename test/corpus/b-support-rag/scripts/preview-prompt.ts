// Prints the fully rendered answer prompt for a question (prompt debugging, no model call).
import { answerPrompt } from "../src/chains/answer";

const question = process.argv.slice(2).join(" ") || "How do I reset my password?";
const messages = await answerPrompt.formatMessages({ context: "(context omitted)", question });
for (const m of messages) console.log(`${m.getType()}: ${m.content}`);
