/** Speech, transcription, embedding and rerank vendors reached over plain HTTP. */
const key = (name: string) => process.env[name] ?? "";

export async function speak(text: string) {
  const res = await fetch("https://api.elevenlabs.io/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM", {
    method: "POST",
    headers: { "xi-api-key": key("ELEVENLABS_API_KEY"), "content-type": "application/json" },
    body: JSON.stringify({ text, model_id: "eleven_multilingual_v2" }),
  });
  return Buffer.from(await res.arrayBuffer());
}

export async function transcribe(audio: Buffer) {
  const res = await fetch("https://api.deepgram.com/v1/listen?model=nova-2", {
    method: "POST",
    headers: { authorization: `Token ${key("DEEPGRAM_API_KEY")}`, "content-type": "audio/wav" },
    body: audio,
  });
  console.log(await res.json());
}

export async function queueTranscript(audioUrl: string) {
  const res = await fetch("https://api.assemblyai.com/v2/transcript", {
    method: "POST",
    headers: { authorization: key("ASSEMBLYAI_API_KEY"), "content-type": "application/json" },
    body: JSON.stringify({ audio_url: audioUrl }),
  });
  console.log(await res.json());
}

export async function voiceLine(transcript: string) {
  const res = await fetch("https://api.cartesia.ai/tts/bytes", {
    method: "POST",
    headers: { "X-API-Key": key("CARTESIA_API_KEY"), "Cartesia-Version": "2024-06-10", "content-type": "application/json" },
    body: JSON.stringify({ model_id: "sonic-2", transcript, output_format: { container: "wav", encoding: "pcm_f32le", sample_rate: 44100 } }),
  });
  return Buffer.from(await res.arrayBuffer());
}

export async function embedJina(texts: string[]) {
  const res = await fetch("https://api.jina.ai/v1/embeddings", {
    method: "POST",
    headers: { authorization: `Bearer ${key("JINA_API_KEY")}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "jina-embeddings-v3", input: texts }),
  });
  console.log((await res.json()).data.length);
}

export async function embedVoyage(texts: string[]) {
  const res = await fetch("https://api.voyageai.com/v1/embeddings", {
    method: "POST",
    headers: { authorization: `Bearer ${key("VOYAGE_API_KEY")}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "voyage-3", input: texts }),
  });
  console.log((await res.json()).data.length);
}

export async function voices() {
  const res = await fetch("https://api.elevenlabs.io/v1/voices");
  return res.json();
}
