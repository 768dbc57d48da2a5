/** Lists the models each vendor exposes, to catch renamed model ids before deploys. */
import { getClient, type Vendor } from "../src/llm/vendors.js";

for (const vendor of ["groq", "openrouter", "deepseek", "gemini"] as Vendor[]) {
  const page = await getClient(vendor).models.list();
  console.log(vendor, page.data.map((m) => m.id).join(", "));
}
