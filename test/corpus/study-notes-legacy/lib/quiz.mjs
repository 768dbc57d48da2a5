/** Multiple-choice quizzes generated from notes, as structured JSON. */
import { GoogleGenerativeAI, SchemaType } from "@google/generative-ai";

const genAI = new GoogleGenerativeAI(process.env.GOOGLE_API_KEY);

const quizSchema = {
  type: SchemaType.ARRAY,
  items: {
    type: SchemaType.OBJECT,
    properties: {
      question: { type: SchemaType.STRING },
      choices: { type: SchemaType.ARRAY, items: { type: SchemaType.STRING } },
      answerIndex: { type: SchemaType.INTEGER },
    },
    required: ["question", "choices", "answerIndex"],
  },
};

export async function makeQuiz(notes, count = 5) {
  const model = genAI.getGenerativeModel({
    model: "gemini-1.5-pro",
    generationConfig: { responseMimeType: "application/json", responseSchema: quizSchema },
  });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 20_000);
  try {
    const result = await model.generateContent(
      `Write ${count} multiple-choice questions that test understanding of these notes:\n\n${notes}`,
      { signal: controller.signal },
    );
    return JSON.parse(result.response.text());
  } finally {
    clearTimeout(timer);
  }
}
