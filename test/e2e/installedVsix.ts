/**
 * The packaged extension as a user gets it: the .vsix installed into code-server with --install-extension,
 * the sample workspace opened without the development payload. Checks what a user sees and saves the
 * screenshots (editor with squiggles, hover card, Problems panel, status bar tooltip) under test-results/.
 */
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { installExtension, serverDirs, startCodeServer, tempDir } from "./codeServer";
import type { Runtime } from "./runtime";
import { openWorkbench } from "./workbench";
import { quickFixMenu } from "./screens/quickFix";
import { panelScreens } from "./screens/panel";

export interface VsixResult {
  checks: { name: string; ok: boolean; detail?: string }[];
  screenshots: string[];
}

async function openFile(page: Page, rel: string): Promise<void> {
  await page.keyboard.press("Control+P");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: 10_000 });
  await input.fill(rel);
  await page.locator(".quick-input-list .monaco-list-row").first().waitFor({ timeout: 10_000 });
  await page.keyboard.press("Enter");
  await page.locator(`.tab.active[aria-label*="${path.basename(rel)}"]`).first().waitFor({ timeout: 10_000 });
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
      console.log(`  ✗ ${name}: ${(e as Error).message.split("\n")[0]}`);
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
  const shot = async (name: string) => {
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
    await check("the editor underlines call sites (squiggles in src/routes/tickets.ts)", async () => {
      await page.locator(".monaco-workbench").click({ position: { x: 700, y: 400 } }).catch(() => undefined);
      await openFile(page, "src/routes/tickets.ts");
      await page.locator(".monaco-editor .squiggly-error").first().waitFor({ state: "attached", timeout: 30_000 });
      await page.waitForTimeout(500);
      await shot("editor-squiggles.png");
      return `${await page.locator(".monaco-editor .squiggly-error, .monaco-editor .squiggly-warning, .monaco-editor .squiggly-info").count()} squiggles`;
    });
    await check("hovering a call shows its diagnostics and its readiness card", async () => {
      const squiggle = page.locator(".monaco-editor .squiggly-error").first();
      const box = await squiggle.boundingBox();
      if (!box) throw new Error("no squiggle to hover");
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const hover = page.locator(".monaco-hover").filter({ hasText: "Readiness score" }).first();
      await hover.waitFor({ state: "visible", timeout: 15_000 });
      await page.waitForTimeout(300);
      await shot("hover-diagnostics.png");
      // The diagnostics come first in the hover; scroll (in steps: monaco clamps each wheel event) to the card below them.
      const hb = await hover.boundingBox();
      const card = hover.getByText("Readiness score").first();
      const inView = async () => {
        const c = await card.boundingBox();
        const h = await hover.boundingBox();
        return !!c && !!h && c.y >= h.y && c.y + c.height <= h.y + h.height;
      };
      if (hb) await page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2, { steps: 5 });
      for (let i = 0; i < 30 && !(await inView()); i++) {
        await page.mouse.wheel(0, 120);
        await page.waitForTimeout(60);
      }
      // A little further, so the card's table shows under its title.
      for (let i = 0; i < 3; i++) await page.mouse.wheel(0, 120);
      await page.waitForTimeout(300);
      await shot("hover-card.png");
      if (!(await card.isVisible())) throw new Error("the card is not in view after scrolling the hover");
      await page.mouse.move(5, 5);
      await page.keyboard.press("Escape");
    });
    await check("the lightbulb menu at a finding offers fix → disable → docs", () => quickFixMenu(page, shot));
    await check("the Problems panel lists the findings with their source and check", async () => {
      await page.keyboard.press("Control+Shift+M");
      const rows = page.locator(".markers-panel .monaco-list-row");
      await rows.first().waitFor({ state: "visible", timeout: 15_000 });
      // Expand every file so the picture shows the findings.
      await page.waitForTimeout(800);
      await shot("problems-panel.png");
      const text = await page.locator(".markers-panel").innerText();
      if (!/LLM Readiness/.test(text)) throw new Error(`no "LLM Readiness" findings in the Problems panel:\n${text.slice(0, 500)}`);
      return `${await rows.count()} rows visible`;
    });
    await check("the status bar tooltip breaks the score down by check", async () => {
      await status.first().hover();
      await page.getByText("Click to open the readiness panel.").first().waitFor({ state: "visible", timeout: 15_000 });
      await page.waitForTimeout(300);
      await shot("status-tooltip.png");
    });
    await panelScreens({ page, check, shot });
  } finally {
    if (checks.some((c) => !c.ok)) {
      await shot("vsix-failure.png").catch(() => undefined);
      fs.writeFileSync(path.join(resultsDir, "vsix-code-server.log"), `${server.output()}\n--- console ---\n${logs.join("\n")}`);
    }
    await wb.close();
    await server.stop();
    fs.rmSync(base, { recursive: true, force: true });
  }
  return { checks, screenshots };
}
