/** Opens an Intercom conversation when the assistant cannot answer. */
import { IntercomClient } from "intercom-client";

const intercom = new IntercomClient({ token: process.env.INTERCOM_TOKEN ?? "" });

export async function handOffToHuman(email: string, question: string) {
  const contact = await intercom.contacts.create({ email, role: "lead" });
  await intercom.messages.create({
    message_type: "inapp",
    body: `Docs assistant could not answer: ${question}`,
    from: { type: "user", id: contact.id },
  });
}
