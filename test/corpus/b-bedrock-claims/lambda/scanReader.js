// Older plain-JS Lambda (deployed separately): reads photographed claim forms with a
// multimodal model when OCR confidence is low.
const { BedrockRuntimeClient, ConverseCommand } = require("@aws-sdk/client-bedrock-runtime");
const { S3Client, GetObjectCommand } = require("@aws-sdk/client-s3");

const client = new BedrockRuntimeClient({
  region: process.env.AWS_REGION,
  requestHandler: { requestTimeout: 20_000 },
});
const s3 = new S3Client({});

exports.handler = async (event) => {
  const obj = await s3.send(new GetObjectCommand({ Bucket: event.bucket, Key: event.key }));
  const bytes = await obj.Body.transformToByteArray();

  const response = await client.send(
    new ConverseCommand({
      modelId: "us.amazon.nova-pro-v1:0",
      messages: [
        {
          role: "user",
          content: [
            { image: { format: "jpeg", source: { bytes } } },
            { text: "Transcribe all handwritten and printed text on this claim form." },
          ],
        },
      ],
    }),
  );
  return { text: response.output.message.content[0].text };
};
