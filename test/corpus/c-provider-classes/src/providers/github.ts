import { BaseLLM } from "../base.js";

/** Not a model: the same plumbing reads issues for context. */
export class GitHubContext extends BaseLLM {
  apiBase = "https://api.github.com/";

  async createIssue(repo: string, title: string): Promise<number> {
    const resp = await this.fetch(new URL(`repos/${repo}/issues`, this.apiBase), {
      method: "POST",
      headers: { Authorization: `Bearer ${this.apiKey}` },
      body: JSON.stringify({ title }),
    });
    const data = (await resp.json()) as { number: number };
    return data.number;
  }
}
