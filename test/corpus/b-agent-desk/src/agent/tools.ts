// Structured tools the agents may call.
import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { findAsset, openHardwareRequest } from "../inventory";

export const lookupAsset = tool(
  async ({ tag }) => {
    const asset = await findAsset(tag);
    return asset ? JSON.stringify(asset) : `No asset with tag ${tag}.`;
  },
  {
    name: "lookup_asset",
    description: "Look up a laptop or monitor by its asset tag (e.g. LT-04211).",
    schema: z.object({ tag: z.string().regex(/^[A-Z]{2}-\d{5}$/) }),
  },
);

export const requestHardware = tool(
  async ({ owner, reason }) => `Opened hardware request ${await openHardwareRequest(owner, reason)}.`,
  {
    name: "request_hardware",
    description: "Open a hardware replacement request for an employee.",
    schema: z.object({ owner: z.string().email(), reason: z.string().min(10) }),
  },
);

export const helpdeskTools = [lookupAsset, requestHardware];
