/** EU data residency: translates pages with Claude on Vertex (europe-west1). */
import { vertexClient } from "../llm/index.js";

export async function translatePage(markdown: string, locale: "de" | "fr" | "es"): Promise<string> {
  const vertex = vertexClient();
  try {
    const res = await vertex.messages.create({
      model: "claude-3-5-haiku@20241022",
      max_tokens: 4096,
      system: "Translate technical documentation. Keep Markdown, code blocks and product names unchanged.",
      messages: [{ role: "user", content: `Target locale: ${locale}\n\n${markdown}` }],
    });
    return res.content.map((block) => (block.type === "text" ? block.text : "")).join("");
  } catch (err) {
    console.error(`translation to ${locale} failed`, err);
    return markdown;
  }
}
