// SQS-triggered intake Lambda: one message per uploaded claim form.
import type { SQSEvent } from "aws-lambda";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { bedrock, s3 } from "./aws/clients";
import { extractClaimFields, type ClaimFields } from "./claims/extract";
import { triageClaim } from "./claims/triage";
import { embedClaimText } from "./claims/embed";
import { modelsEnabled } from "./health";
import { logger } from "./logger";

const BUCKET = process.env.CLAIMS_BUCKET ?? "claims-intake";

async function loadText(key: string): Promise<string> {
  const obj = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return (await obj.Body?.transformToString()) ?? "";
}

export async function handler(event: SQSEvent): Promise<void> {
  if (process.env.CHECK_MODELS === "1" && !(await modelsEnabled())) {
    throw new Error("required Bedrock models are not enabled");
  }
  for (const record of event.Records) {
    const { claimId, textKey } = JSON.parse(record.body) as { claimId: string; textKey: string };
    const text = await loadText(textKey);

    let fields: ClaimFields | null = null;
    try {
      fields = await extractClaimFields(bedrock, text);
    } catch (err) {
      logger.warn("extraction failed, routing to manual review", { claimId, err: String(err) });
    }

    const triage = await triageClaim(text);
    const vector = await embedClaimText(text);

    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: `processed/${claimId}.json`,
        Body: JSON.stringify({ claimId, fields, triage, vector, status: fields ? "auto" : "needs-review" }),
      }),
    );
  }
}
