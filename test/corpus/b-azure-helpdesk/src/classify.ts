// Assigns an incoming ticket to a resolver group.
import { aoai, DEPLOYMENTS } from "./azure";

export const GROUPS = ["identity", "devices", "network", "software", "general"] as const;
export type Group = (typeof GROUPS)[number];

export async function classifyTicket(text: string): Promise<Group> {
  try {
    const result = await aoai.getChatCompletions(
      DEPLOYMENTS.mini,
      [
        { role: "system", content: `Pick the resolver group. Reply as JSON {"group": one of ${GROUPS.join(", ")}}.` },
        { role: "user", content: text },
      ],
      { responseFormat: { type: "json_object" }, temperature: 0 },
    );
    const parsed = JSON.parse(result.choices[0]?.message?.content ?? "{}");
    return GROUPS.includes(parsed.group) ? parsed.group : "general";
  } catch (err) {
    console.warn("classification failed, defaulting to general", err);
    return "general";
  }
}
