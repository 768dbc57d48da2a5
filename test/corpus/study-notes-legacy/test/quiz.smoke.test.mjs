// Manual smoke test against the real API: prints a quiz for eyeballing.
import { test } from "vitest";
import { makeQuiz } from "../lib/quiz.mjs";

test.skipIf(!process.env.GOOGLE_API_KEY)("quiz smoke", async () => {
  const quiz = await makeQuiz("Photosynthesis converts light energy into chemical energy stored in glucose.", 2);
  console.log(JSON.stringify(quiz, null, 2));
}, 30_000);
