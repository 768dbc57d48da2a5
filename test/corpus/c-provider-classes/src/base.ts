export interface LLMOptions {
  apiBase?: string;
  apiKey?: string;
  model: string;
}

/** One class per provider; they share the HTTP plumbing and take defaults from `defaultOptions`. */
export abstract class BaseLLM {
  static defaultOptions: Partial<LLMOptions> = {};
  apiBase?: string;
  apiKey?: string;
  model: string;

  constructor(options: LLMOptions) {
    const defaults = (this.constructor as typeof BaseLLM).defaultOptions;
    const merged = { ...defaults, ...options };
    this.apiBase = merged.apiBase;
    this.apiKey = merged.apiKey;
    this.model = merged.model;
  }

  fetch(url: URL | string, init?: RequestInit): Promise<Response> {
    const send = async (input: URL | string, init?: RequestInit) => {
      try {
        const resp = await fetch(input, init);
        if (!resp.ok) throw new Error(`HTTP ${resp.status} from ${String(input)}`);
        return resp;
      } catch (e: any) {
        console.error("llm fetch failed", e);
        let message: string;
        if (e.code === "ECONNREFUSED") {
          message = `Could not reach ${String(input)}. Is the server running?`;
        } else {
          message = e.message;
        }
        throw new Error(message);
      }
    };
    return send(url, init);
  }
}
