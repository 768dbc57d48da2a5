"use client";
/** Small FAQ box; asks our own /api/faq route. */
import { useState } from "react";

export function FaqWidget() {
  const [answer, setAnswer] = useState<string | null>(null);

  async function ask(formData: FormData) {
    const res = await fetch("/api/faq", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question: formData.get("question") }),
    });
    setAnswer(((await res.json()) as { answer: string }).answer);
  }

  return (
    <form action={ask}>
      <input name="question" placeholder="Shipping, returns, sizing…" />
      <button type="submit">Ask</button>
      {answer && <p>{answer}</p>}
    </form>
  );
}
