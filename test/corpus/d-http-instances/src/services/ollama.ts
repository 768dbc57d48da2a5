import axios from "axios";

/** The URL is built in the constructor from a parameter default and kept in another field. */
export class LocalChat {
  private readonly http = axios.create({ timeout: 120_000 });
  private readonly url: string;

  constructor(base = "http://localhost:11434") {
    this.url = `${base}/api/chat`;
  }

  async reply(question: string) {
    const res = await this.http.post(this.url, {
      model: "llama3.1",
      stream: false,
      messages: [{ role: "user", content: question }],
    });
    console.log(res.data.message.content);
  }
}
