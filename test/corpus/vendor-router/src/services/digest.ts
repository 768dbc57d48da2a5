/** Daily digest: Groq first (fast, cheap), OpenRouter when Groq is rate limiting us. */
import { getClient } from "../llm/vendors.js";
import { summarize } from "../llm/summarize.js";

export interface Article {
  id: string;
  headline: string;
  body: string;
}

export async function summarizeArticle(article: Article): Promise<string> {
  try {
    return await summarize(getClient("groq"), article.body, "llama-3.3-70b-versatile");
  } catch (err) {
    console.warn(`groq failed for ${article.id}, retrying on openrouter`, err);
    return summarize(getClient("openrouter"), article.body, "meta-llama/llama-3.3-70b-instruct");
  }
}

export async function buildDigest(articles: Article[]): Promise<string> {
  const parts: string[] = [];
  for (const article of articles) {
    parts.push(`## ${article.headline}\n${await summarizeArticle(article)}`);
  }
  return parts.join("\n\n");
}
