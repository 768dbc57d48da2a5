/** Stylesheets imported by the panel script: esbuild bundles them into dist/webview/panel.css. */
declare module "*.css";
