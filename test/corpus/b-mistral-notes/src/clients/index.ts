export { mistral as llm } from "./mistral";
