/** Running notes while a meeting is still going: streamed to the presenter's sidebar. */
import { openai } from "../clients.js";

export function streamLiveNotes(partialTranscript: string, onDelta: (text: string) => void) {
  const stream = openai.responses.stream({
    model: "gpt-4.1-mini",
    instructions: "Keep running bullet-point notes of this meeting. Only add new points.",
    input: partialTranscript,
  });
  stream.on("response.output_text.delta", (event) => onDelta(event.delta));
  return stream;
}
