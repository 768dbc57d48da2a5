import axios from "axios";

const servers = (process.env.RENDER_SERVERS ?? "http://127.0.0.1:7860").split(",").map((url) => ({ url, busy: false }));

/** Sends the request to each image server in turn until one answers. */
export async function renderRequest(path: string, body: object) {
  let failure: unknown = null;
  for (const server of servers) {
    if (server.busy) continue;
    try {
      server.busy = true;
      const res = await axios({ method: "post", url: new URL(path, server.url).toString(), data: body });
      return res.data;
    } catch (err) {
      failure = err;
      console.warn(`image server ${server.url} failed`, err);
    } finally {
      server.busy = false;
    }
  }
  throw failure ?? new Error("no image server available");
}
