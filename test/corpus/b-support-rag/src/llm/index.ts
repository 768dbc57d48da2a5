export { getChatModel, fastModel, embeddings } from "./models";
export type { ChatProvider } from "./models";
export { tokenUsageHandler } from "./usage";
