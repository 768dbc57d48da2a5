/** Paid digest subscriptions. */
import Stripe from "stripe";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? "");

export async function createCheckout(customerEmail: string): Promise<string | null> {
  const session = await stripe.checkout.sessions.create({
    mode: "subscription",
    customer_email: customerEmail,
    line_items: [{ price: process.env.STRIPE_DIGEST_PRICE_ID, quantity: 1 }],
    success_url: "https://news.example.com/welcome",
    cancel_url: "https://news.example.com/pricing",
  });
  return session.url;
}
