import { answerStream, classify, refine, streamAnswer, summarize } from "./llm.js";

export async function cli(question: string, doc: string) {
  const reader = answerStream(question).getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) process.stdout.write(r.value);
  for await (const t of streamAnswer(question)) process.stdout.write(t);
  console.log(await summarize(doc));
  console.log(await classify(doc));
  console.log((await refine(question, 2)).join("\n"));
}
