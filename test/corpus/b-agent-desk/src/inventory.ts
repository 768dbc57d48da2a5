// Thin client for the asset-inventory REST API (no LLM).
export interface Asset {
  tag: string;
  owner: string;
  model: string;
  warrantyUntil: string;
}

const BASE = process.env.INVENTORY_URL ?? "http://inventory.internal/api";

export async function findAsset(tag: string): Promise<Asset | null> {
  const res = await fetch(`${BASE}/assets/${encodeURIComponent(tag)}`);
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`inventory ${res.status}`);
  return (await res.json()) as Asset;
}

export async function openHardwareRequest(owner: string, reason: string): Promise<string> {
  const res = await fetch(`${BASE}/requests`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ owner, reason }),
  });
  const { id } = (await res.json()) as { id: string };
  return id;
}
