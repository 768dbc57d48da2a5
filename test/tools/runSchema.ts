/** `npm run schema`: writes rules/schema/*.json from the zod schemas (test/meta/schema.test.ts fails until they are rewritten after a change). */
import fs from "node:fs";
import path from "node:path";
import { renderJsonSchemas } from "../../src/core/catalog/jsonSchemas";

const dir = path.resolve("rules/schema");
fs.mkdirSync(dir, { recursive: true });
for (const [name, text] of Object.entries(renderJsonSchemas())) {
  const file = path.join(dir, name);
  const old = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
  if (old === text) continue;
  fs.writeFileSync(file, text);
  process.stdout.write(`wrote rules/schema/${name}\n`);
}
