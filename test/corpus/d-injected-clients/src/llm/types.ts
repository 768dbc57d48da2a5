/** Structural client types: the services never see a concrete SDK class. */
export type ChatClient = {
  chat: { completions: { create(body: { model: string; messages: { role: string; content: string }[] }): Promise<{ choices: { message: { content: string | null } }[] }> } };
};

export type ClaudeLike = {
  messages: { create(body: unknown): Promise<{ content: { type: string; text?: string }[] }> };
};

export type AnyLLM = ChatClient | ClaudeLike;
