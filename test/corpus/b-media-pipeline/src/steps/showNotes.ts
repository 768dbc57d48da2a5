// Long-form show notes. A class so the worker can swap the model per show.
import Together from "together-ai";

export class ShowNotesWriter {
  private client = new Together({ maxRetries: 5 });

  constructor(private readonly model = "meta-llama/Llama-3.3-70B-Instruct-Turbo") {}

  async write(title: string, transcript: string): Promise<string> {
    const res = await this.client.chat.completions.create(
      {
        model: this.model,
        max_tokens: 1_200,
        messages: [
          { role: "system", content: "Write markdown show notes: a 2-sentence intro, then bullet highlights and links mentioned." },
          { role: "user", content: `Episode: ${title}\n\nTranscript:\n${transcript.slice(0, 80_000)}` },
        ],
      },
      { timeout: 90_000 },
    );
    return res.choices?.[0]?.message?.content ?? "";
  }
}
