/** Article translation; the engine is chosen by target language. */
import { engineFor, type CompletionEngine } from "../llm/engines.js";

export async function translate(text: string, lang: string, engine: CompletionEngine = engineFor(lang)): Promise<string> {
  try {
    return await engine.complete(`Translate into ${lang}. Output only the translation.\n\n${text}`);
  } catch (err) {
    console.error(`translation via ${engine.name} failed; serving the original`, err);
    return text;
  }
}
