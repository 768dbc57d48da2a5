export { gemini } from "./gemini";
export { localModel } from "./local";
export { bedrockModel as claudeOnBedrock } from "./bedrock";
