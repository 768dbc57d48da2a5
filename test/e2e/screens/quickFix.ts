/**
 * The lightbulb menu at a finding, as a user opens it (Ctrl+.), in the installed .vsix: the fix, "Disable … for
 * this line" and "Open … docs" of each finding of the call. Saves test-results/quick-fix-menu.png.
 */
import type { Page } from "playwright-core";

/** Rethrows with what was being waited for: a bare playwright timeout does not say which step. */
async function step<T>(what: string, p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    throw new Error(`${what}: ${(e as Error).message.split("\n")[0]}`);
  }
}

/**
 * Quick Open, waiting for the row of the file itself: the list first shows recently opened files, and Enter
 * on those would open another one.
 */
async function openFile(page: Page, rel: string): Promise<void> {
  const name = rel.split("/").pop()!;
  await page.keyboard.press("Control+P");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: 10_000 });
  await input.fill(rel);
  await page.locator(".quick-input-list .monaco-list-row").filter({ hasText: name }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press("Enter");
  await page.locator(`.tab.active[aria-label*="${name}"]`).first().waitFor({ timeout: 10_000 });
}

/** Opens the menu at the `anthropic.messages.create` call of src/lib/summarize.ts (line 15), checks its entries, takes the picture. */
export async function quickFixMenu(page: Page, shot: (name: string) => Promise<void>): Promise<string> {
  await step("opening src/lib/summarize.ts", openFile(page, "src/lib/summarize.ts"));
  // A click on the callee's squiggle puts the cursor on the findings.
  const squiggle = page.locator(".monaco-editor .squiggly-warning, .monaco-editor .squiggly-error").first();
  await step("the squiggle under the call", squiggle.waitFor({ state: "visible", timeout: 30_000 }));
  const box = await squiggle.boundingBox();
  if (!box) throw new Error("the squiggle has no box");
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const menu = page.locator(".action-widget");
  const disable = menu.getByText("Disable timeout for this line");
  // The fixes come from the analysis worker: reopen the menu until they are in it.
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.keyboard.press("Control+.");
    try {
      await disable.first().waitFor({ state: "visible", timeout: 5_000 });
      if (await menu.getByText("timeout: 30_000").first().isVisible()) break;
    } catch {
      // not open yet, or opened without our actions: try again
    }
    await page.keyboard.press("Escape");
    await page.waitForTimeout(500);
  }
  await step("the quick-fix menu", disable.first().waitFor({ state: "visible", timeout: 1_000 }));
  const rows = menu.locator(".monaco-list-row");
  const titles = (await rows.allInnerTexts()).map((t) => t.trim().replace(/\s+/g, " "));
  const fix = titles.findIndex((t) => t.includes("timeout: 30_000"));
  const off = titles.indexOf("Disable timeout for this line");
  const docs = titles.indexOf("Open timeout docs");
  if (!(fix >= 0 && fix < off && off === docs - 1)) throw new Error(`the menu is not fix → disable → docs for timeout:\n${titles.join("\n")}`);
  await page.mouse.move(5, 5);
  await page.waitForTimeout(300);
  await shot("quick-fix-menu.png");
  await page.keyboard.press("Escape");
  return `${titles.filter((t) => / for this line$/.test(t)).length} findings, first entry: ${titles.find((t) => t !== "Quick Fix")}`;
}
