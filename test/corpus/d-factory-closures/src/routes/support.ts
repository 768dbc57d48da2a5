/** Support desk: the closures travel through locals, option properties and destructured parameters. */
import { makeAsker, makeRewriters, makeTools } from "../llm/factories.js";

const askSupport = makeAsker("You answer questions about our billing plans.");
const tools = makeTools("gpt-4o-mini");
const [friendlier, shorter] = makeRewriters();

type Deps = { ask: ReturnType<typeof makeAsker> };

export async function answer(question: string) {
  const reply = await askSupport(question);
  console.log(reply);
}

export async function digest(thread: string) {
  const summary = await tools.summarize(thread);
  const vector = await tools.embed(thread);
  console.log(summary.length, vector.length);
}

export async function polish(draft: string) {
  const warm = await friendlier(draft);
  const brief = await shorter(warm);
  console.log(brief);
}

export async function label({ ask }: Deps, ticket: string) {
  const raw = await ask(`Label this ticket as bug, billing or other:\n${ticket}`);
  console.log(raw);
}

export async function escalate(deps: Deps, ticket: string) {
  const note = await deps.ask(`Write an escalation note for:\n${ticket}`);
  console.log(note);
}
