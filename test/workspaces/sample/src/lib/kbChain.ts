import { StringOutputParser } from "@langchain/core/output_parsers";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { ChatOpenAI } from "@langchain/openai";

const model = new ChatOpenAI({ model: "gpt-4o-mini", temperature: 0 });

const prompt = ChatPromptTemplate.fromMessages([
  ["system", "Answer the agent's question using only the help-center articles below. Cite article titles.\n\n{articles}"],
  ["human", "{question}"],
]);

const kbChain = prompt.pipe(model).pipe(new StringOutputParser());

/** Used by the agent console's "ask the help center" box. */
export async function askHelpCenter(question: string, articles: { title: string; body: string }[]): Promise<string> {
  return kbChain.invoke({
    question,
    articles: articles.map((a) => `## ${a.title}\n${a.body}`).join("\n\n"),
  });
}
