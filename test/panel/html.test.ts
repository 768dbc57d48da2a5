/** The panel's HTML: a strict CSP with the nonce on the only script and stylesheet, nothing remote (src/panel/html.ts). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { panelCsp, panelHtml } from "../../src/panel/html";

describe("the panel's HTML", () => {
  const cspSource = "https://file+.vscode-resource.vscode-cdn.net";
  const html = panelHtml({
    cspSource,
    nonce: "n0nce+/=",
    script: "https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/panel.js",
    style: "https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/panel.css",
  });

  it("sets the CSP: nothing by default, scripts only with the nonce, styles, fonts and images only from the webview's resources", () => {
    assert.equal(
      panelCsp(cspSource, "abc"),
      `default-src 'none'; style-src ${cspSource} 'nonce-abc'; script-src 'nonce-abc'; font-src ${cspSource}; img-src ${cspSource} data:`,
    );
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
    assert.ok(meta, "the CSP meta tag");
    assert.equal(meta[1], panelCsp(cspSource, "n0nce+/="));
  });

  it("every script and stylesheet carries the nonce; no inline script, no inline style", () => {
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0]!, /nonce="n0nce\+\/="/);
    assert.match(scripts[0]!, /src="[^"]+panel\.js"/);
    assert.match(html, /<script[^>]*><\/script>/, "the script tag has no inline body");
    const links = html.match(/<link[^>]*>/g) ?? [];
    assert.equal(links.length, 1);
    assert.match(links[0]!, /nonce="n0nce\+\/=".*href="[^"]+panel\.css"/);
    assert.doesNotMatch(html, /<style|style="/);
  });

  it("loads nothing from elsewhere than the webview's resources", () => {
    const urls = html.match(/(?:src|href)="([^"]+)"/g) ?? [];
    assert.equal(urls.length, 2);
    for (const u of urls) assert.ok(u.includes(cspSource), u);
  });

  it("escapes what goes into attributes", () => {
    const odd = panelHtml({ cspSource: "x", nonce: 'a"b', script: "s.js?a=1&b=2", style: "s.css" });
    assert.match(odd, /nonce="a&quot;b"/);
    assert.match(odd, /src="s\.js\?a=1&amp;b=2"/);
  });
});
