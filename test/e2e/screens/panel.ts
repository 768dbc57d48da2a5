/**
 * The readiness panel as a user opens it in the installed .vsix: through the command palette, read from
 * its webview's DOM, pictured in the dark, light and high-contrast themes (test-results/panel-*.png), and
 * restored after a window reload.
 */
import type { FrameLocator, Page } from "playwright-core";

export interface PanelScreensContext {
  page: Page;
  /** Runs one named check (installedVsix.ts records it); returns its detail. */
  check(name: string, fn: () => Promise<string | void>): Promise<void>;
  /** Saves a screenshot of the page under test-results/. */
  shot(name: string): Promise<void>;
}

/** The panel's page: the webview's outer iframe holds the content frame. */
function panelFrame(page: Page): FrameLocator {
  return page.frameLocator("iframe.webview.ready").last().frameLocator("iframe#active-frame");
}

export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator(".quick-input-widget input");
  // The palette can close again under the keystroke when a hover or another widget held the focus
  // (seen on loaded machines): open it afresh until the text goes in.
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press("F1");
      await input.waitFor({ state: "visible", timeout: 10_000 });
      await input.fill(`>${title}`, { timeout: 5_000 });
      break;
    } catch (e) {
      if (attempt >= 3) throw e;
      await page.keyboard.press("Escape");
      await page.waitForTimeout(500);
    }
  }
  // The command whose label is exactly the title: Enter would take the first match, which may be another.
  const row = page.locator(".quick-input-list .monaco-list-row").filter({ has: page.getByText(title, { exact: true }) }).first();
  await row.waitFor({ timeout: 10_000 });
  await row.click();
}

/** Picks a colour theme in "Preferences: Color Theme" and waits until the panel's webview has it (its body's theme class). */
async function setTheme(page: Page, frame: FrameLocator, label: string, bodyClass: string): Promise<void> {
  await runCommand(page, "Preferences: Color Theme");
  const input = page.locator(".quick-input-widget input");
  await input.fill(label);
  const row = page.locator(".quick-input-list .monaco-list-row").filter({ has: page.getByText(label, { exact: true }) }).first();
  await row.waitFor({ timeout: 10_000 });
  await row.click();
  await frame.locator(`body.${bodyClass}`).waitFor({ state: "attached", timeout: 15_000 });
  await page.waitForTimeout(800);
}

export async function panelScreens({ page, check, shot }: PanelScreensContext): Promise<void> {
  const frame = panelFrame(page);
  let opened = false;
  await check('"LLM Readiness: Open Readiness Panel" opens the panel with the workspace score', async () => {
    await page.keyboard.press("Escape");
    await runCommand(page, "LLM Readiness: Open Readiness Panel");
    const score = frame.locator('[data-testid="score"]');
    await score.waitFor({ state: "visible", timeout: 30_000 });
    opened = true;
    // The side bar and the bottom panel (Problems) closed: the readiness panel gets the window.
    await page.keyboard.press("Control+B");
    if (await page.locator(".part.panel").isVisible()) await runCommand(page, "View: Hide Panel");
    await page.waitForTimeout(800);
    const status = (await page.locator(".statusbar-item").filter({ hasText: /Readiness \d+ \([A-F]\)/ }).first().innerText()).trim();
    const shown = `${(await score.innerText()).trim()} (${(await frame.locator('[data-testid="grade"]').innerText()).trim()})`;
    if (!status.includes(`Readiness ${shown}`)) throw new Error(`the panel shows ${shown}, the status bar ${status}`);
    await shot("panel-dark.png");
    return `score ${shown}`;
  });
  if (!opened) return;
  await check("the panel reads in the light theme", async () => {
    await setTheme(page, frame, "Light Modern", "vscode-light");
    await shot("panel-light.png");
  });
  await check("the panel reads in the high-contrast theme", async () => {
    await setTheme(page, frame, "Dark High Contrast", "vscode-high-contrast");
    await shot("panel-high-contrast.png");
  });
  await check("the panel's site list scrolls into view, keyboard-focusable", async () => {
    await setTheme(page, frame, "Dark Modern", "vscode-dark");
    const first = frame.locator('[data-testid^="site-"]').first();
    await first.scrollIntoViewIfNeeded();
    await first.focus();
    await page.waitForTimeout(500);
    await shot("panel-sites.png");
    const focused = await frame.locator(":focus").getAttribute("data-testid");
    if (!focused?.startsWith("site-")) throw new Error(`focus is on ${focused}`);
    return focused;
  });
  await check('the panel\'s "Cost exposure" section lists sites and models by worst-case cost per 1,000 calls', async () => {
    const sites = frame.locator('[data-testid="cost-sites"]');
    await sites.scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    await shot("panel-cost.png");
    const rows = await sites.locator("tbody tr").count();
    const models = await frame.locator('[data-testid="cost-models"] tbody tr').count();
    if (rows === 0 || models === 0) throw new Error(`cost section: ${rows} site rows, ${models} model rows`);
    const first = (await sites.locator("tbody tr").first().innerText()).replace(/\s+/g, " ");
    if (!/\$\d/.test(first)) throw new Error(`no dollar figure in the first row: ${first}`);
    return `${rows} sites, ${models} models; first: ${first}`;
  });
  await check("the panel comes back after a window reload (its serializer), with the score", async () => {
    await page.reload();
    await page.locator(".monaco-workbench").waitFor({ state: "visible", timeout: 60_000 });
    const score = frame.locator('[data-testid="score"]');
    await score.waitFor({ state: "visible", timeout: 60_000 });
    return `score ${(await score.innerText()).trim()}`;
  });
}
