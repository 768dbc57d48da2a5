/** The readiness panel's HTML shell: a strict Content-Security-Policy with a nonce, the bundled script and stylesheet, nothing remote. */

export interface PanelHtmlOptions {
  /** `webview.cspSource`: the origin of the webview's local resources. */
  cspSource: string;
  /** A fresh random value per page load; only the tags carrying it run or apply. */
  nonce: string;
  /** `webview.asWebviewUri` of dist/webview/panel.js and panel.css. */
  script: string;
  style: string;
}

const attr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** The Content-Security-Policy of the panel: no remote resources, scripts and styles only with the nonce. */
export function panelCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
  ].join("; ");
}

export function panelHtml(o: PanelHtmlOptions): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(panelCsp(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${attr(o.nonce)}" href="${attr(o.style)}">
<title>LLM Readiness</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="muted">Loading the readiness report…</p></main>
<script nonce="${attr(o.nonce)}" src="${attr(o.script)}"></script>
</body>
</html>`;
}
