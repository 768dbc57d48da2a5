/** Per-product insights block: review summary plus rating stats. */
import { summarizeReviews } from "@/lib/ai/reviews";

export interface ProductWithReviews {
  id: string;
  name: string;
  reviews: { rating: number; body: string }[];
}

export async function buildProductInsights(product: ProductWithReviews) {
  const avg = product.reviews.reduce((s, r) => s + r.rating, 0) / Math.max(1, product.reviews.length);
  const summary = product.reviews.length >= 3 ? await summarizeReviews(product.reviews) : null;
  return { productId: product.id, averageRating: Math.round(avg * 10) / 10, summary };
}
