/** SMS digest for people who asked for one. */
import twilio from "twilio";

const sms = twilio(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);

export async function sendSummarySms(phone: string, title: string, summary: string) {
  await sms.messages.create({
    to: phone,
    from: process.env.TWILIO_FROM_NUMBER,
    body: `${title}\n\n${summary.slice(0, 1400)}`,
  });
}
