// Routes a ticket to a queue. Runs on the local model: ticket text stays on-prem.
import { z } from "zod";
import { localModel } from "./models";

const RouteSchema = z.object({
  queue: z.enum(["hardware", "access", "network", "software"]),
  confidence: z.number().min(0).max(1),
});
export type Route = z.infer<typeof RouteSchema>;

const routeTool = {
  name: "route_ticket",
  description: "Choose the queue for the ticket.",
  schema: RouteSchema,
};

export async function routeTicket(text: string): Promise<Route> {
  const ai = await localModel.bindTools([routeTool], { tool_choice: "route_ticket" }).invoke(
    [
      ["system", "Route the IT ticket to exactly one queue."],
      ["human", text],
    ],
    { signal: AbortSignal.timeout(15_000) },
  );
  const call = ai.tool_calls?.[0];
  if (!call) return { queue: "software", confidence: 0 };
  return RouteSchema.parse(call.args);
}
