/** Gemini generateContent over node:https (kept dependency-free for the edge build). */
import https from "node:https";

export function geminiGenerate(prompt: string, model = "gemini-2.0-flash"): Promise<string> {
  const payload = JSON.stringify({ contents: [{ role: "user", parts: [{ text: prompt }] }] });
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        hostname: "generativelanguage.googleapis.com",
        path: `/v1beta/models/${model}:generateContent`,
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(payload),
          "x-goog-api-key": process.env.GEMINI_API_KEY ?? "",
        },
        timeout: 20_000,
      },
      (res) => {
        let raw = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (raw += chunk));
        res.on("end", () => {
          try {
            const body = JSON.parse(raw);
            resolve(body.candidates?.[0]?.content?.parts?.[0]?.text ?? "");
          } catch (err) {
            reject(err);
          }
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error("gemini request timed out")));
    req.on("error", reject);
    req.end(payload);
  });
}
