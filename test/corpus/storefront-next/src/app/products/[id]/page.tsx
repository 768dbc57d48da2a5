/** Product page; merchandisers can regenerate the marketing copy with a server action. */
import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db";
import { generateObject } from "@/lib/ai/structured";
import { generateText } from "@/lib/seo";
import { FaqWidget } from "@/components/FaqWidget";

const ProductCopy = z.object({
  headline: z.string().max(80),
  body: z.string().max(600),
  bullets: z.array(z.string()).min(3).max(5),
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const product = await db.product.findUnique({ where: { id: (await params).id } });
  return product ? { title: product.name, description: generateText(product) } : {};
}

export default async function ProductPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const product = await db.product.findUnique({ where: { id } });
  if (!product) notFound();

  async function regenerateCopy() {
    "use server";
    const current = await db.product.findUniqueOrThrow({ where: { id } });
    try {
      const copy = await generateObject(
        ProductCopy,
        `Write product copy for ${current.name} (${current.category}). Facts: ${current.description}`,
      );
      await db.product.update({ where: { id }, data: { copy } });
    } catch (err) {
      console.error("copy generation failed; keeping the current copy", err);
    }
    revalidatePath(`/products/${id}`);
  }

  return (
    <main>
      <h1>{product.name}</h1>
      <p>{product.description}</p>
      <form action={regenerateCopy}>
        <button type="submit">Regenerate copy</button>
      </form>
      <FaqWidget />
    </main>
  );
}
