/**
 * The packaged extension as a user gets it: the .vsix installed into code-server with --install-extension,
 * the sample workspace opened without the development payload. Checks what a user sees and saves the
 * screenshots under test-results/: editor with squiggles, hover card, lightbulb, Problems panel and settings in
 * the dark and light themes, the status bar tooltip, and the readiness panel (screens/panel.ts).
 */
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { installExtension, serverDirs, startCodeServer, tempDir } from "./codeServer";
import type { Runtime } from "./runtime";
import { openWorkbench } from "./workbench";
import { boxOf, openFile, quickFixMenu } from "./screens/quickFix";
import { panelScreens, runCommand } from "./screens/panel";

export interface VsixResult {
  checks: { name: string; ok: boolean; detail?: string }[];
  screenshots: string[];
}

/** The themes the README's pictures come in. */
const THEMES = [
  { name: "dark", label: "Dark Modern", workbenchClass: "vs-dark" },
  { name: "light", label: "Light Modern", workbenchClass: "vs" },
] as const;

/** Picks the colour theme in "Preferences: Color Theme" and waits until the workbench wears it and the picker is gone. */
async function setWorkbenchTheme(page: Page, theme: (typeof THEMES)[number]): Promise<string> {
  await page.keyboard.press("Escape");
  await runCommand(page, "Preferences: Color Theme");
  const input = page.locator(".quick-input-widget input");
  await input.fill(theme.label);
  const row = page.locator(".quick-input-list .monaco-list-row").filter({ has: page.getByText(theme.label, { exact: true }) }).first();
  await row.waitFor({ timeout: 10_000 });
  await row.click();
  await page.locator(".quick-input-widget").waitFor({ state: "hidden", timeout: 10_000 });
  await page.locator(`.monaco-workbench.${theme.workbenchClass}`).waitFor({ state: "attached", timeout: 15_000 });
  await page.waitForTimeout(1500);
  // Still in it once the picker is gone (a preview that was not accepted reverts).
  await page.locator(`.monaco-workbench.${theme.workbenchClass}`).waitFor({ state: "attached", timeout: 1_000 });
  return theme.label;
}

/** Hovers the first squiggle of src/lib/summarize.ts and pictures the hover: the diagnostics (VS Code draws them first), then our card. */
async function hoverCard(page: Page, shot: (name: string) => Promise<void>, name: string): Promise<string> {
  await openFile(page, "src/lib/summarize.ts");
  const squiggle = page.locator(".monaco-editor .squiggly-warning").first();
  await squiggle.waitFor({ state: "visible", timeout: 30_000 });
  const box = await boxOf(page, squiggle);
  if (!box) throw new Error("no squiggle to hover");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const hover = page.locator(".monaco-hover").filter({ hasText: "checks missing" }).first();
  await hover.waitFor({ state: "visible", timeout: 15_000 });
  await page.waitForTimeout(300);
  const card = hover.getByText(/checks missing/).first();
  const inView = async () => {
    const c = await card.boundingBox();
    const h = await hover.boundingBox();
    return !!c && !!h && c.y >= h.y && c.y + c.height <= h.y + h.height;
  };
  const atOnce = await inView();
  // When VS Code's diagnostics part pushes the card below the fold, scroll to it (in steps: monaco clamps each wheel event).
  const hb = await hover.boundingBox();
  if (hb) await page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2, { steps: 5 });
  for (let i = 0; i < 30 && !(await inView()); i++) {
    await page.mouse.wheel(0, 120);
    await page.waitForTimeout(60);
  }
  await page.waitForTimeout(300);
  await shot(name);
  if (!(await inView())) throw new Error("the card is not in view");
  const text = await hover.innerText();
  const messages = text.split("\n").filter((l) => /^No timeout:|^Nothing catches|^No test or eval/.test(l.trim()));
  if (messages.length > 3) throw new Error(`the hover repeats the diagnostics' messages:\n${messages.join("\n")}`);
  await page.mouse.move(5, 5);
  await page.keyboard.press("Escape");
  return atOnce ? "the card is in view at once" : "the card is below VS Code's diagnostics part: scrolled";
}

/**
 * The settings UI at the extension's entry of the table of contents, pictured: the section reads "LLM
 * Readiness" with its Diagnostics, Analysis and Quick Fixes groups, the labels without the `llmReadiness`
 * prefix. (A search shows each key's prefix as VS Code words it, "Llm Readiness ›", for every extension.)
 */
async function settingsPage(page: Page, shot: (name: string) => Promise<void>, name: string): Promise<string> {
  await runCommand(page, "Preferences: Open Settings (UI)");
  const editor = page.locator(".settings-editor");
  try {
    await editor.waitFor({ state: "visible", timeout: 20_000 });
    const toc = editor.locator(".settings-toc-container");
    const entry = toc.locator(".monaco-list-row").filter({ hasText: /^LLM Readiness/ }).first();
    if (!(await entry.isVisible())) {
      await toc.locator(".monaco-list-row").filter({ hasText: /^Extensions/ }).first().click();
      await entry.waitFor({ state: "visible", timeout: 10_000 });
    }
    await entry.click();
    const list = editor.locator(".settings-tree-container");
    await list.locator(".setting-item").filter({ hasText: "Severity" }).first().waitFor({ state: "visible", timeout: 20_000 });
    await page.waitForTimeout(1000);
    await page.mouse.move(5, 5);
    await shot(name);
    const text = await list.innerText();
    if (/Llm Readiness/.test(text)) throw new Error(`the settings say "Llm Readiness":\n${text.slice(0, 800)}`);
    if (!/LLM Readiness/.test(await toc.innerText())) throw new Error("no \"LLM Readiness\" in the table of contents");
    const labels = (await list.locator(".setting-item-label").allInnerTexts()).map((t) => t.trim());
    return labels.join(" | ");
  } finally {
    await runCommand(page, "View: Close Editor").catch(() => undefined);
  }
}

export async function checkInstalledVsix(rt: Runtime, vsix: string, sample: string, resultsDir: string): Promise<VsixResult> {
  const checks: VsixResult["checks"] = [];
  const screenshots: string[] = [];
  const check = async (name: string, fn: () => Promise<string | void>) => {
    try {
      const detail = await fn();
      checks.push({ name, ok: true, ...(detail ? { detail } : {}) });
      console.log(`  ✔ ${name}${detail ? ` (${detail})` : ""}`);
    } catch (e) {
      checks.push({ name, ok: false, detail: (e as Error).message });
      console.log(`  ✗ ${name}: ${(e as Error).message.split("\n").slice(0, 12).join("\n      ")}`);
    }
  };
  const base = tempDir("llmr-e2e-vsix-");
  // The sample has no node_modules: TypeScript's own "cannot find module" errors would crowd the
  // pictures, which an installed project does not have. Only our findings are shown.
  const dirs = serverDirs(base, { "typescript.validate.enable": false, "javascript.validate.enable": false });
  const workspace = path.join(base, "sample");
  fs.cpSync(sample, workspace, { recursive: true });
  fs.mkdirSync(resultsDir, { recursive: true });

  let installed = false;
  await check("the .vsix installs with code-server --install-extension", async () => {
    const out = installExtension(rt, vsix, dirs);
    const dir = fs.readdirSync(dirs.extensions).find((d) => d.startsWith("llm-readiness.llm-readiness-"));
    if (!dir) throw new Error(`no extension folder after install:\n${out}`);
    installed = true;
    return dir;
  });
  if (!installed) return { checks, screenshots };

  const server = await startCodeServer(rt, dirs);
  const logs: string[] = [];
  const wb = await openWorkbench({ origin: server.origin, port: server.port, folder: workspace, onLog: (l) => logs.push(l) });
  const page = wb.page;
  const anyShot = async (name: string) => {
    const file = path.join(resultsDir, name);
    await page.screenshot({ path: file });
    screenshots.push(file);
  };
  try {
    const status = page.locator(".statusbar-item").filter({ hasText: /Readiness \d+ \([A-F]\)/ });
    await check("without the development payload, the status bar shows the workspace score", async () => {
      await status.first().waitFor({ state: "visible", timeout: 120_000 });
      return (await status.first().innerText()).trim();
    });
    for (const theme of THEMES) {
      await check(`the workbench takes the ${theme.name} theme`, () => setWorkbenchTheme(page, theme));
      // Each picture in this theme, or a failure saying the theme is gone.
      const shot = async (name: string) => {
        await page.locator(`.monaco-workbench.${theme.workbenchClass}`).waitFor({ state: "attached", timeout: 5_000 });
        await anyShot(name);
      };
      await check(`the editor underlines call sites (squiggles in src/routes/tickets.ts, ${theme.name})`, async () => {
        await page.locator(".monaco-workbench").click({ position: { x: 700, y: 400 } }).catch(() => undefined);
        await openFile(page, "src/routes/tickets.ts");
        await page.locator(".monaco-editor .squiggly-warning").first().waitFor({ state: "attached", timeout: 30_000 });
        await page.waitForTimeout(500);
        await shot(`editor-squiggles-${theme.name}.png`);
        const errors = await page.locator(".monaco-editor .squiggly-error").count();
        if (errors) throw new Error(`${errors} error squiggles: the defaults make a failing check a warning`);
        return `${await page.locator(".monaco-editor .squiggly-warning, .monaco-editor .squiggly-info").count()} squiggles, no error`;
      });
      await check(`hovering a call shows its readiness card, compact, without the diagnostics' texts again (${theme.name})`, () => hoverCard(page, shot, `hover-${theme.name}.png`));
      await check(`the lightbulb at a call: at most six rows, production-ready first (${theme.name})`, () => quickFixMenu(page, shot, `quick-fix-menu-${theme.name}.png`));
      await check(`the Problems panel lists the findings with their source and check (${theme.name})`, async () => {
        await runCommand(page, "View: Focus Problems (Errors, Warnings, Infos)");
        const rows = page.locator(".markers-panel .monaco-list-row");
        await rows.first().waitFor({ state: "visible", timeout: 15_000 });
        await page.waitForTimeout(800);
        await shot(`problems-${theme.name}.png`);
        const text = await page.locator(".markers-panel").innerText();
        if (!/LLM Readiness/.test(text)) throw new Error(`no "LLM Readiness" findings in the Problems panel:\n${text.slice(0, 500)}`);
        const shown = await rows.count();
        await runCommand(page, "View: Hide Panel");
        return `${shown} rows visible`;
      });
      await check(`the settings page: titled "LLM Readiness", one severity per check (${theme.name})`, () => settingsPage(page, shot, `settings-${theme.name}.png`));
    }
    await check("the workbench goes back to the dark theme", () => setWorkbenchTheme(page, THEMES[0]!));
    await check("the status bar tooltip breaks the score down by check", async () => {
      await status.first().hover();
      await page.getByText("Click to open the readiness panel.").first().waitFor({ state: "visible", timeout: 15_000 });
      await page.waitForTimeout(300);
      await anyShot("status-tooltip.png");
    });
    await panelScreens({ page, check, shot: anyShot });
  } finally {
    if (checks.some((c) => !c.ok)) {
      await anyShot("vsix-failure.png").catch(() => undefined);
      fs.writeFileSync(path.join(resultsDir, "vsix-code-server.log"), `${server.output()}\n--- console ---\n${logs.join("\n")}`);
    }
    await wb.close();
    await server.stop();
    fs.rmSync(base, { recursive: true, force: true });
  }
  return { checks, screenshots };
}
