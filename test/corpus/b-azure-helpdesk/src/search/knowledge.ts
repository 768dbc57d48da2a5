// Vector search over the helpdesk knowledge base (Azure AI Search).
import { AzureKeyCredential, SearchClient } from "@azure/search-documents";
import { aoai, DEPLOYMENTS } from "../azure";

interface KbDoc {
  id: string;
  title: string;
  content: string;
  contentVector?: number[];
}

const searchClient = new SearchClient<KbDoc>(
  process.env.SEARCH_ENDPOINT ?? "https://contoso-search.search.windows.net",
  "helpdesk-kb",
  new AzureKeyCredential(process.env.SEARCH_KEY ?? ""),
);

export async function embedTexts(texts: string[]): Promise<number[][]> {
  const result = await aoai.getEmbeddings(DEPLOYMENTS.embed, texts, { dimensions: 1024 });
  return result.data.map((d) => d.embedding);
}

export async function findSnippets(question: string): Promise<string[]> {
  const [vector] = await embedTexts([question]);
  const results = await searchClient.search(question, {
    top: 4,
    select: ["title", "content"],
    vectorSearchOptions: {
      queries: [{ kind: "vector", vector, fields: ["contentVector"], kNearestNeighborsCount: 4 }],
    },
  });
  const snippets: string[] = [];
  for await (const r of results.results) snippets.push(`${r.document.title}: ${r.document.content}`);
  return snippets;
}
