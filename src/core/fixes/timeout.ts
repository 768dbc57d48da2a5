/** timeout fixes (rules/docs/timeout.md): bound the request with the SDK's own option where it has one. */
import { defineFix } from "./defineFix";
import { setArgumentOption } from "./edit/objects";

export default defineFix({
  check: "timeout",
  build(ctx) {
    const { site, options } = ctx;
    const sdk = site.via === "sdk" ? site.sdk : undefined;
    if (!sdk || sdk.options.requestArg === null || !sdk.options.timeout.includes("timeout")) return [];
    const ms = formatMs(options.timeoutMs);
    return [
      {
        title: `Add \`timeout: ${ms}\` to the request options`,
        strategy: "native",
        safe: true,
        edits: [setArgumentOption(ctx.target, site.call, sdk.options.requestArg, ["timeout"], ms)],
      },
    ];
  },
});

/** 30000 → `30_000`, as people write milliseconds. */
export function formatMs(ms: number): string {
  return String(ms).replace(/\B(?=(\d{3})+(?!\d))/g, "_");
}
