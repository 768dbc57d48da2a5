import OpenAI from "openai";

interface ModelConfig {
  id: string;
  model: string;
  baseURL?: string;
}

const withClient = (cfg: ModelConfig) => ({
  ...cfg,
  getCompleter: async () => {
    const client = new OpenAI({ baseURL: cfg.baseURL, timeout: 20_000 });
    return async (prompt: string) => {
      const res = await client.chat.completions.create({ model: cfg.model, messages: [{ role: "user", content: prompt }] });
      return res.choices[0]?.message.content ?? "";
    };
  },
});

export type ConfiguredModel = Awaited<ReturnType<typeof withClient>> & { isDefault: boolean };

export let models: ConfiguredModel[] = [];
export let defaultModel!: ConfiguredModel;

export function loadModels(configs: ModelConfig[]) {
  models = configs.map((c, i) => ({ ...withClient(c), isDefault: i === 0 }));
  defaultModel = models[0]!;
}
