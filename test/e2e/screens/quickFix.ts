/**
 * The lightbulb menu at a call, as a user opens it (Ctrl+.), in the installed .vsix: "Make this call
 * production-ready", the per-check fixes, "Disable a check for this line…" and "Open docs…", six rows at most.
 */
import type { Locator, Page } from "playwright-core";

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
export async function openFile(page: Page, rel: string): Promise<void> {
  const name = rel.split("/").pop()!;
  await page.keyboard.press("Control+P");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: 10_000 });
  await input.fill(rel);
  // The row of the file itself (its path in the description): Enter would open the first row, which may be a recent other file.
  const row = page.locator(".quick-input-list .monaco-list-row").filter({ hasText: name }).first();
  await row.waitFor({ timeout: 10_000 });
  await row.click();
  await page.locator(`.tab.active[aria-label*="${name}"]`).first().waitFor({ timeout: 10_000 });
}

/**
 * The box of a visible decoration. A diagnostics update redraws the editor's decorations, so the element
 * seen a moment ago may be gone: ask again for the new one, for up to 5 s.
 */
export async function boxOf(page: Page, decoration: Locator): Promise<{ x: number; y: number; width: number; height: number } | null> {
  let box = await decoration.boundingBox();
  for (let attempt = 0; !box && attempt < 20; attempt++) {
    await page.waitForTimeout(250);
    box = await decoration.boundingBox();
  }
  return box;
}

/** The most rows the lightbulb may show for one call (src/extension/fixMenu.ts MAX_ROWS). */
const MAX_ROWS = 6;

/**
 * Opens the menu at the `anthropic.messages.create` call of src/lib/summarize.ts (line 15), checks it (at most six
 * rows, "Make this call production-ready" first, then the fixes, "Disable a check for this line…", "Open docs…"),
 * and takes the picture `name`.
 */
export async function quickFixMenu(page: Page, shot: (name: string) => Promise<void>, name = "quick-fix-menu.png"): Promise<string> {
  await step("opening src/lib/summarize.ts", openFile(page, "src/lib/summarize.ts"));
  // A click on the callee's squiggle puts the cursor on the findings.
  const squiggle = page.locator(".monaco-editor .squiggly-warning, .monaco-editor .squiggly-error").first();
  await step("the squiggle under the call", squiggle.waitFor({ state: "visible", timeout: 30_000 }));
  const box = await boxOf(page, squiggle);
  if (!box) throw new Error("the squiggle has no box");
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const menu = page.locator(".action-widget");
  const preferred = menu.getByText(/Make this call production-ready/);
  // The fixes come from the analysis worker: reopen the menu until they are in it.
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.keyboard.press("Control+.");
    try {
      await preferred.first().waitFor({ state: "visible", timeout: 5_000 });
      break;
    } catch {
      // not open yet, or opened without our actions: try again
    }
    await page.keyboard.press("Escape");
    await page.waitForTimeout(500);
  }
  try {
    return await checkMenu(page, menu, preferred, shot, name);
  } finally {
    // Never leave the menu open: a later Enter would apply its first entry.
    if (await menu.first().isVisible()) await page.keyboard.press("Escape");
  }
}

async function checkMenu(page: Page, menu: ReturnType<Page["locator"]>, preferred: ReturnType<Page["locator"]>, shot: (name: string) => Promise<void>, name: string): Promise<string> {
  await step("the quick-fix menu", preferred.first().waitFor({ state: "visible", timeout: 1_000 }));
  const rows = menu.locator(".monaco-list-row.action");
  const titles = (await rows.allInnerTexts()).map((t) => t.trim().replace(/\s+/g, " ")).filter(Boolean);
  // Ours come first, as one block ending in "Open docs…"; other providers' entries (TypeScript's "Move to file") follow.
  const end = titles.findIndex((t) => /^Open (docs…|\w+ docs)$/.test(t));
  const ours = titles.slice(0, end + 1).filter((t) => !/^(Quick Fix|More Actions)/.test(t));
  if (ours.length > MAX_ROWS) throw new Error(`${ours.length} rows (at most ${MAX_ROWS}):\n${titles.join("\n")}`);
  if (!/^Make this call production-ready \(\d+ safe fix(es)?\)/.test(ours[0] ?? "")) throw new Error(`the first row is not the production-ready action:\n${titles.join("\n")}`);
  if (ours.at(-2) !== "Disable a check for this line…" || ours.at(-1) !== "Open docs…") throw new Error(`the menu does not end with disable → docs:\n${titles.join("\n")}`);
  await page.mouse.move(5, 5);
  await page.waitForTimeout(300);
  await shot(name);
  await page.keyboard.press("Escape");
  return `${ours.length} rows: ${ours.join(" | ")}`;
}
