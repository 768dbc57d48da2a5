/** FAQ widget endpoint. */
import { answerFaq } from "@/lib/ai/faq";

export async function POST(req: Request) {
  const { question } = (await req.json()) as { question: string };
  return Response.json({ answer: await answerFaq(question.slice(0, 500)) });
}
