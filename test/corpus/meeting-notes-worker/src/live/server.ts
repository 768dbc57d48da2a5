/** WebSocket server for the presenter sidebar. */
import { WebSocketServer } from "ws";
import { streamLiveNotes } from "./liveNotes.js";

const wss = new WebSocketServer({ port: Number(process.env.LIVE_PORT ?? 8090) });

wss.on("connection", (ws) => {
  ws.on("message", async (data) => {
    const { transcript } = JSON.parse(String(data)) as { transcript: string };
    try {
      const stream = streamLiveNotes(transcript, (delta) => ws.send(JSON.stringify({ type: "delta", delta })));
      await stream.finalResponse();
      ws.send(JSON.stringify({ type: "done" }));
    } catch (err) {
      ws.send(JSON.stringify({ type: "error", message: "Live notes paused: the model is unavailable." }));
    }
  });
});
