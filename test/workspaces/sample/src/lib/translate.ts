// Translation goes straight to the REST API: the widget bundle can't pull in the SDK.
export async function translateReply(text: string, targetLanguage: string): Promise<string> {
  const res = await fetch("https://api.openai.com/v1/chat/completions", {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Authorization: `Bearer ${process.env.OPENAI_API_KEY}`,
    },
    body: JSON.stringify({
      model: "gpt-4o-mini",
      temperature: 0,
      messages: [
        { role: "system", content: `Translate the user's message to ${targetLanguage}. Keep product names in English.` },
        { role: "user", content: text },
      ],
    }),
  });
  if (!res.ok) {
    throw new Error(`translation failed: ${res.status} ${await res.text()}`);
  }
  const data = await res.json();
  return data.choices[0].message.content;
}
