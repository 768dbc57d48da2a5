/** Prints the answers of the secondary backends side by side for a prompt (manual QA). */
import { geminiGenerate } from "../src/providers/gemini.js";
import { mistralChat } from "../src/providers/mistral.js";
import { ollamaChat } from "../src/providers/ollama.js";
import { openrouterClassify } from "../src/providers/openrouter.js";

const prompt = process.argv.slice(2).join(" ") || "Explain the CAP theorem in two sentences.";
const messages = [{ role: "user" as const, content: prompt }];

console.log("gemini:", await geminiGenerate(prompt));
console.log("mistral:", await mistralChat(messages));
console.log("ollama:", await ollamaChat(messages));
console.log("openrouter:", await openrouterClassify(prompt, ["question", "statement", "command"]));
