// One-off importer for the Zendesk CSV export (2023 migration). Half-way through a rewrite.
import { readFileSync } from "node:fs";

export function importTickets(path: string) {
  const rows = readFileSync(path, "utf8").split("\n").slice(1);
  return rows.map((row) => {
    const [id, subject, body = row.split(",");
    return { id, subject, body };
  });
}
