/** SEO helpers: meta descriptions built from product fields (no AI involved). */
export function generateText(product: { name: string; price: number; category: string }): string {
  return `${product.name} — ${product.category} from Northwind Outfitters, ${product.price.toFixed(2)} EUR. Free returns.`;
}
