import { retrying } from "./backoff";

/** Scores passages for a query; subclasses talk to a model. */
export abstract class Ranker {
  protected abstract _score(query: string, passages: string[]): Promise<number[]>;

  async rank(query: string, passages: string[]): Promise<string[]> {
    const scores = await retrying(() => this._score(query, passages));
    return passages.map((p, i) => ({ p, s: scores[i] ?? 0 })).sort((a, b) => b.s - a.s).map((x) => x.p);
  }
}
