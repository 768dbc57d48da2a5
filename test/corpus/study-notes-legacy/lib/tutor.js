/** A per-subject tutor that keeps the conversation history. */
const { genAI } = require("./gemini.cjs");
const { recordTokens } = require("./stats.js");

class Tutor {
  constructor(subject) {
    this.model = genAI.getGenerativeModel({
      model: "gemini-1.5-flash",
      systemInstruction: `You are a patient ${subject} tutor. Ask a guiding question before giving answers.`,
    });
    this.chat = this.model.startChat({ history: [] });
  }

  async ask(question) {
    const result = await this.chat.sendMessage(question);
    const usage = result.response.usageMetadata;
    if (usage) recordTokens(usage.totalTokenCount);
    return result.response.text();
  }
}

module.exports = { Tutor };
