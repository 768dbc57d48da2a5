/** The panel's DOM, built from the view model (src/panel/viewModel.ts): the score first, then where the points go, then the sites. */
import { applyFilters, type CheckRow, type GroupRow, type PanelFilters, type PanelModel, type SiteRow, type SuppressedRow, type TrendView } from "../panel/viewModel";
import type { CheckId, Grade } from "../core/types";
import { h, icon, svg, type Child } from "./dom";
import { usd } from "../report/costExposure";

/** What the rendered panel can ask for. */
export interface Actions {
  selectFolder(uri: string): void;
  setFilters(filters: PanelFilters): void;
  reveal(site: { file: string; line: number; column: number }): void;
  docs(check: CheckId): void;
  exportReport(): void;
  copyReport(): void;
  rescan(): void;
  showAll(list: "sites" | "files"): void;
}

export interface Folder {
  uri: string;
  name: string;
}

export interface View {
  folders: Folder[];
  folder: Folder;
  filters: PanelFilters;
  /** Lists shown whole (else the first LIST_SHOWN rows and a "Show all" button). */
  expanded: ReadonlySet<"sites" | "files">;
}

const LIST_SHOWN = 50;
/** Priced call sites listed in "Cost exposure" before the rest are left to the JSON report. */
const COST_SHOWN = 10;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const when = (ms: number) => new Date(ms).toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
const gradeClass = (g: Grade) => `grade grade-${g}`;

function gradeBadge(g: Grade, testid?: string): HTMLElement {
  return h("span", { class: gradeClass(g), ...(testid ? { testid } : {}), attrs: { title: `grade ${g}` } }, g);
}

function scoreChip(score: number, grade: Grade): HTMLElement {
  return h("span", { class: `score-chip grade-${grade}`, attrs: { title: `score ${score}, grade ${grade}` } }, String(Math.round(score)));
}

/** The folder picker (several folders), shown above everything else. */
function folderPicker(view: View, actions: Actions): Child {
  if (view.folders.length < 2) return null;
  const select = h("select", { testid: "folder-picker", attrs: { "aria-label": "Workspace folder" } });
  for (const [i, f] of view.folders.entries()) {
    const o = h("option", { testid: `folder-option-${i}`, attrs: { value: f.uri } }, f.name);
    o.selected = f.uri === view.folder.uri;
    select.append(o);
  }
  select.addEventListener("change", () => actions.selectFolder(select.value));
  return h("div", { class: "folder-row" }, h("label", {}, icon("root-folder"), " Folder ", select));
}

function actionsBar(actions: Actions): HTMLElement {
  const button = (label: string, name: string, testid: string, onClick: () => void, primary = false) =>
    h("button", { class: primary ? "button" : "button secondary", testid, onClick }, icon(name), ` ${label}`);
  return h(
    "div",
    { class: "actions" },
    button("Export report", "save", "action-export", actions.exportReport, true),
    button("Copy Markdown", "copy", "action-copy", actions.copyReport),
    button("Rescan", "refresh", "action-rescan", actions.rescan),
  );
}

function sparkline(trend: TrendView): HTMLElement {
  const n = trend.points.length;
  // A single point is no line: say when the trend starts instead of drawing a lone dot.
  if (n < 2) return h("figure", { class: "trend", testid: "trend" }, h("figcaption", { class: "muted" }, icon("graph-line"), " Score trend: a point an hour, from this scan on"));
  const caption = `Score trend: ${trend.points[0]!.score} on ${when(trend.points[0]!.at)}, ${trend.points[n - 1]!.score} now (lowest ${Math.min(...trend.points.map((p) => p.score))}, highest ${Math.max(...trend.points.map((p) => p.score))}).`;
  const chart = svg(
    "svg",
    { viewBox: `0 0 ${trend.width} ${trend.height}`, width: trend.width, height: trend.height, class: "spark", role: "img", "aria-label": caption },
    svg("polygon", { class: "spark-area", points: `${trend.points[0]!.x},${trend.height} ${trend.line} ${trend.points[n - 1]!.x},${trend.height}` }),
    svg("polyline", { class: "spark-line", points: trend.line }),
    ...trend.points.map((p, i) => {
      const dot = svg("circle", { class: i === n - 1 ? "spark-dot last" : "spark-dot", cx: p.x, cy: p.y, r: i === n - 1 ? 3 : 1.5 });
      const title = svg("title", {});
      title.textContent = `${when(p.at)}: ${p.score}`;
      dot.append(title);
      return dot;
    }),
  );
  return h(
    "figure",
    { class: "trend", testid: "trend" },
    chart,
    h("figcaption", { class: "muted" }, `Trend since ${when(trend.points[0]!.at)}: ${trend.low}–${trend.high}`),
  );
}

function hero(model: PanelModel, view: View, actions: Actions): HTMLElement {
  const d = model.delta;
  const delta = !d
    ? h("p", { class: "delta", testid: "delta" }, icon("history"), " No earlier scan of this folder to compare with yet")
    : h(
        "p",
        { class: `delta ${d.change > 0 ? "up" : d.change < 0 ? "down" : "same"}`, testid: "delta" },
        icon(d.change > 0 ? "arrow-up" : d.change < 0 ? "arrow-down" : "dash"),
        ` ${d.change > 0 ? "+" : ""}${d.change === 0 ? "No change" : d.change} since ${when(d.since)}`,
      );
  const gap = model.gap ? model.checks.find((c) => c.id === model.gap) : undefined;
  return h(
    "header",
    { class: "hero" },
    h(
      "div",
      { class: "score-block", attrs: { "aria-label": `Readiness score ${model.score} out of 100, grade ${model.grade}` } },
      h("div", { class: "score" }, h("span", { class: "score-value", testid: "score" }, String(model.score)), h("span", { class: "of" }, "/100")),
      gradeBadge(model.grade, "grade"),
    ),
    h(
      "div",
      { class: "summary" },
      h("h1", {}, "LLM readiness of ", h("span", { class: "folder-name" }, view.folder.name)),
      delta,
      h(
        "p",
        { class: "muted", testid: "counts" },
        `${plural(model.sites, "call site")} in ${plural(model.files, "file")} · ${plural(model.scanned, "file")} scanned`,
        model.skipped ? ` · ${model.skipped} skipped` : "",
        model.errors.length ? ` · ${plural(model.errors.length, "analysis problem")}` : "",
      ),
      gap
        ? h(
            "p",
            { class: "gap", testid: "gap" },
            icon("flame"),
            " Biggest gap: ",
            h("strong", {}, gap.title),
            ` costs ${plural(Math.round(gap.cost), "point")} (${gapCounts(gap, model.sites)}). `,
            h("span", { class: "muted" }, gap.consequence, model.gapDetail ? ` ${model.gapDetail}` : ""),
          )
        : null,
    ),
    sparkline(model.trend),
    actionsBar(actions),
  );
}

/** `11 of 12 sites fail`, or `of 12 sites: 9 fail, 1 warns` when not all of them are failures. */
function gapCounts(c: CheckRow, sites: number): string {
  const { fail, warn, unknown } = c.counts;
  if (!warn && !unknown) return `${fail} of ${plural(sites, "site")} ${fail === 1 ? "fails" : "fail"}`;
  const parts = [fail ? `${fail} ${fail === 1 ? "fails" : "fail"}` : "", warn ? `${warn} ${warn === 1 ? "warns" : "warn"}` : "", unknown ? `${unknown} unknown` : ""];
  return `of ${plural(sites, "site")}: ${parts.filter(Boolean).join(", ")}`;
}

function section(id: string, title: Child, ...children: Child[]): HTMLElement {
  return h("section", { attrs: { "aria-labelledby": `${id}-h` } }, h("h2", { attrs: { id: `${id}-h` } }, title), ...children);
}

const STATUSES = ["pass", "warn", "fail", "unknown"] as const;
const STATUS_ICON = { pass: "pass", warn: "warning", fail: "error", unknown: "question" } as const;

function checkRow(c: CheckRow, model: PanelModel, actions: Actions): HTMLElement {
  const total = STATUSES.reduce((n, s) => n + c.counts[s], 0);
  const bar = h("div", {
    class: "bar",
    attrs: { role: "img", "aria-label": `${c.title}: ${STATUSES.map((s) => `${c.counts[s]} ${s}`).join(", ")}` },
  });
  for (const s of STATUSES) {
    if (!c.counts[s]) continue;
    const seg = h("span", { class: `seg ${s}`, attrs: { title: `${c.counts[s]} ${s}` } });
    // CSSOM, not a style attribute: the CSP allows no inline styles.
    seg.style.flexGrow = String(c.counts[s]);
    bar.append(seg);
  }
  if (!total) bar.append(h("span", { class: "seg none" }));
  const counts = h(
    "div",
    { class: "counts" },
    ...STATUSES.map((s) =>
      h("span", { class: `count ${s}${c.counts[s] ? "" : " zero"}`, attrs: { title: s } }, icon(STATUS_ICON[s], s), " ", h("span", { testid: `check-${c.id}-${s}` }, String(c.counts[s]))),
    ),
  );
  const missing = model.siteRows.filter((s) => s.missing.some((m) => m.check === c.id)).length;
  return h(
    "li",
    { class: `check${c.off ? " off" : ""}`, testid: `check-${c.id}` },
    h(
      "div",
      { class: "check-head" },
      h("button", { class: "link check-title", testid: `check-${c.id}-docs`, attrs: { title: `Open the docs of ${c.id}` }, onClick: () => actions.docs(c.id) }, c.title),
      h("code", { class: "muted" }, c.id),
      c.off ? h("span", { class: "tag" }, "off") : null,
      c.cost >= 0.5 ? h("span", { class: "cost", attrs: { title: "Points of the workspace score this check loses" } }, `−${Math.round(c.cost)} pts`) : null,
      c.suppressed ? h("span", { class: "muted" }, `${c.suppressed} suppressed`) : null,
    ),
    bar,
    counts,
    h(
      "p",
      { class: "consequence" },
      c.consequence,
      missing
        ? h(
            "button",
            { class: "link filter-link", testid: `check-${c.id}-filter`, onClick: () => actions.setFilters({ check: c.id }) },
            icon("filter"),
            ` Show the ${plural(missing, "site")} missing it`,
          )
        : null,
    ),
  );
}

function groupTable(id: string, title: string, rows: GroupRow[], name: (r: GroupRow) => Child, onPick: ((r: GroupRow) => void) | undefined): HTMLElement {
  return section(
    id,
    title,
    h(
      "table",
      { class: "groups", testid: id },
      h("thead", {}, h("tr", {}, h("th", {}, title === "Providers" ? "Provider" : "Model"), h("th", { class: "num" }, "Sites"), h("th", { class: "num" }, "Mean score"))),
      h(
        "tbody",
        {},
        ...rows.map((r) =>
          h(
            "tr",
            {},
            h("td", {}, onPick ? h("button", { class: "link", onClick: () => onPick(r), attrs: { title: "Show these call sites" } }, name(r)) : name(r)),
            h("td", { class: "num" }, String(r.sites)),
            h("td", { class: "num" }, scoreChip(r.score, r.grade)),
          ),
        ),
      ),
    ),
  );
}

function missingChips(s: SiteRow): HTMLElement {
  const chips = h("span", { class: "chips" });
  for (const m of s.missing) chips.append(h("span", { class: `chip ${m.status}` }, icon(STATUS_ICON[m.status]), ` ${m.check} `, h("code", {}, m.value)));
  for (const c of s.unknown) chips.append(h("span", { class: "chip unknown", attrs: { title: "the analysis could not tell" } }, icon("question"), ` ${c}`));
  if (!s.missing.length && !s.unknown.length) chips.append(h("span", { class: "chip pass" }, icon("pass"), " every check passes"));
  return chips;
}

function siteItem(s: SiteRow, actions: Actions): HTMLElement {
  return h(
    "li",
    {},
    h(
      "button",
      {
        class: "site",
        testid: `site-${s.key}`,
        attrs: { title: `Open ${s.file}:${s.line}` },
        onClick: () => actions.reveal(s),
      },
      scoreChip(s.score, s.grade),
      h(
        "span",
        { class: "site-main" },
        h("span", { class: "site-line" }, h("code", { class: "callee" }, s.callee), h("span", { class: "where" }, `${s.file}:${s.line}`)),
        h("span", { class: "site-meta muted" }, `${s.provider} · ${s.model ?? "model not known"} · ${s.kind}`, s.via ? ` · via ${s.via}` : ""),
        missingChips(s),
      ),
    ),
  );
}

function filtersBar(model: PanelModel, filters: PanelFilters, shown: number, actions: Actions): HTMLElement {
  const select = (label: string, testid: string, value: string | undefined, all: string, options: { value: string; label: string }[], set: (v: string | undefined) => void) => {
    const el = h("select", { testid, attrs: { "aria-label": label } });
    for (const o of [{ value: "", label: all }, ...options]) {
      const opt = h("option", { attrs: { value: o.value } }, o.label);
      opt.selected = o.value === (value ?? "");
      el.append(opt);
    }
    el.addEventListener("change", () => set(el.value || undefined));
    return h("label", {}, `${label} `, el);
  };
  const set = (patch: PanelFilters) => {
    const next: PanelFilters = { ...filters, ...patch };
    for (const k of Object.keys(next) as (keyof PanelFilters)[]) if (next[k] === undefined) delete next[k];
    actions.setFilters(next);
  };
  const active = Object.keys(filters).length > 0;
  return h(
    "div",
    { class: "filters" },
    icon("filter"),
    select("Missing", "filter-check", filters.check, "any check", model.checks.map((c) => ({ value: c.id, label: c.id })), (v) => set({ check: v as CheckId | undefined })),
    select("Provider", "filter-provider", filters.provider, "all providers", model.options.providers.map((p) => ({ value: p, label: p })), (v) => set({ provider: v })),
    select("Folder", "filter-dir", filters.dir, "all folders", model.options.dirs.map((d) => ({ value: d, label: `${d}/` })), (v) => set({ dir: v })),
    active ? h("button", { class: "link", testid: "filter-clear", onClick: () => actions.setFilters({}) }, icon("clear-all"), " Clear") : null,
    h("span", { class: "muted shown", testid: "sites-shown" }, `${shown} of ${plural(model.sites, "call site")}`),
  );
}

function suppressedTable(rows: SuppressedRow[], actions: Actions): HTMLElement {
  return h(
    "table",
    { class: "suppressed", testid: "suppressed" },
    h("thead", {}, h("tr", {}, h("th", {}, "Call site"), h("th", {}, "Check"), h("th", {}, "Reason"), h("th", {}, "Comment"))),
    h(
      "tbody",
      {},
      ...rows.map((r) =>
        h(
          "tr",
          {},
          h("td", {}, h("button", { class: "link", onClick: () => actions.reveal(r), attrs: { title: `Open ${r.file}:${r.line}` } }, h("code", {}, r.callee), ` ${r.file}:${r.line}`)),
          h("td", {}, r.check),
          h("td", {}, r.reason),
          h("td", { class: "muted" }, r.at),
        ),
      ),
    ),
  );
}

function more(list: "sites" | "files", total: number, actions: Actions): Child {
  if (total <= LIST_SHOWN) return null;
  return h("button", { class: "link more", testid: `more-${list}`, onClick: () => actions.showAll(list) }, `Show all ${total}`);
}

/** The whole panel for one folder's report. */
export function renderReport(model: PanelModel, view: View, actions: Actions): HTMLElement[] {
  const f = applyFilters(model, view.filters);
  const out: HTMLElement[] = [];
  const picker = folderPicker(view, actions);
  if (picker instanceof HTMLElement) out.push(picker);
  out.push(hero(model, view, actions));
  if (model.sites === 0) {
    out.push(h("p", { class: "empty", testid: "empty" }, icon("info"), ` No LLM call sites found in ${view.folder.name}: nothing to judge yet.`));
    if (model.errors.length) out.push(errorsSection(model));
    return out;
  }
  out.push(section("checks", "Checks", h("ul", { class: "checks" }, ...model.checks.map((c) => checkRow(c, model, actions)))));
  out.push(
    h(
      "div",
      { class: "two" },
      groupTable("providers", "Providers", model.providers, (r) => r.name ?? "unknown", (r) => actions.setFilters({ ...view.filters, provider: r.name ?? undefined })),
      groupTable("models", "Models", model.models, (r) => h("span", {}, r.name ? h("code", {}, r.name) : h("span", { class: "muted" }, "model not known"), h("span", { class: "muted" }, ` ${r.providers.join(", ")}`)), undefined),
    ),
  );
  const filesShown = view.expanded.has("files") ? f.files : f.files.slice(0, LIST_SHOWN);
  const worstOf = (file: string) => f.sites.find((s) => s.file === file);
  out.push(
    section(
      "files",
      "Files by score",
      h(
        "table",
        { class: "files", testid: "files" },
        h("thead", {}, h("tr", {}, h("th", {}, "File"), h("th", { class: "num" }, "Sites"), h("th", { class: "num" }, "Score"))),
        h(
          "tbody",
          {},
          ...filesShown.map((file) => {
            const worst = worstOf(file.file);
            return h(
              "tr",
              {},
              h(
                "td",
                {},
                worst
                  ? h("button", { class: "link", testid: `file-${file.file}`, attrs: { title: `Open its worst call site (${worst.file}:${worst.line})` }, onClick: () => actions.reveal(worst) }, h("code", {}, file.file))
                  : h("code", {}, file.file),
              ),
              h("td", { class: "num" }, String(file.sites)),
              h("td", { class: "num" }, scoreChip(file.score, file.grade)),
            );
          }),
        ),
      ),
      more("files", f.files.length, actions),
    ),
  );
  const sitesShown = view.expanded.has("sites") ? f.sites : f.sites.slice(0, LIST_SHOWN);
  out.push(
    section(
      "sites",
      "Call sites, worst first",
      filtersBar(model, f.filters, f.sites.length, actions),
      f.sites.length
        ? h("ul", { class: "sites", testid: "sites" }, ...sitesShown.map((s) => siteItem(s, actions)))
        : h("p", { class: "empty" }, "No call site matches these filters."),
      more("sites", f.sites.length, actions),
    ),
  );
  out.push(costSection(model, actions));
  out.push(
    section(
      "suppressed",
      `Suppressed findings (${f.suppressed.length})`,
      f.suppressed.length
        ? suppressedTable(f.suppressed, actions)
        : h("p", { class: "muted" }, "None. A comment such as ", h("code", {}, "// llm-readiness-disable-next-line timeout -- <reason>"), " above a call suppresses a finding; it is then listed here with its reason."),
    ),
  );
  if (model.errors.length) out.push(errorsSection(model));
  return out;
}

/** "Cost exposure": worst-case cost of 1,000 calls per site and per model, most exposed first, then the uncapped and unpriced sites. */
function costSection(model: PanelModel, actions: Actions): HTMLElement {
  const c = model.cost;
  if (!c.sites.length && !c.unpriced.length) return section("cost", "Cost exposure", h("p", { class: "muted" }, "No call site has a cost estimate."));
  const link = (r: { file: string; line: number; column: number }) =>
    h("button", { class: "link", attrs: { title: `Open ${r.file}:${r.line}` }, onClick: () => actions.reveal(r) }, h("code", {}, `${r.file}:${r.line}`));
  const shown = c.sites.slice(0, COST_SHOWN);
  return section(
    "cost",
    "Cost exposure",
    h("p", { class: "muted" }, "Worst case per 1,000 calls: the answer at the request's output cap (or the model's limit when there is none), the prompt at its constant text plus an allowance for each input that can grow."),
    h(
      "div",
      { class: "two" },
      h(
        "table",
        { class: "groups", testid: "cost-sites" },
        h("thead", {}, h("tr", {}, h("th", {}, "Site"), h("th", {}, "Model"), h("th", { class: "num" }, "Per 1,000 calls"))),
        h(
          "tbody",
          {},
          ...shown.map((r) =>
            h(
              "tr",
              { attrs: { title: r.basis } },
              h("td", {}, link(r)),
              h("td", {}, r.model ? h("code", {}, r.model) : h("span", { class: "muted" }, "-"), " ", r.capped ? "" : h("span", { class: "chip fail", attrs: { title: "no max_tokens: the model's output limit bounds the cost" } }, icon("warning"), " no cap")),
              h("td", { class: "num" }, usd(r.per1k)),
            ),
          ),
        ),
      ),
      h(
        "table",
        { class: "groups", testid: "cost-models" },
        h("thead", {}, h("tr", {}, h("th", {}, "Model"), h("th", { class: "num" }, "Sites"), h("th", { class: "num" }, "Worst per 1,000"))),
        h("tbody", {}, ...c.models.map((m) => h("tr", {}, h("td", {}, h("code", {}, m.model), m.uncapped ? h("span", { class: "muted" }, ` ${m.uncapped} uncapped`) : ""), h("td", { class: "num" }, String(m.sites)), h("td", { class: "num" }, usd(m.worstPer1k))))),
      ),
    ),
    c.sites.length > shown.length ? h("p", { class: "muted" }, `${c.sites.length - shown.length} more priced call sites in the JSON report.`) : null,
    c.uncapped.length
      ? h("p", { testid: "cost-uncapped" }, icon("warning"), ` No output cap (${c.uncapped.length}): `, ...c.uncapped.slice(0, 8).flatMap((r, i) => [i ? ", " : "", link(r)]), c.uncapped.length > 8 ? ", ..." : "")
      : null,
    c.unpriced.length ? h("p", { class: "muted" }, `Unpriced (${c.unpriced.length}): ${[...new Set(c.unpriced.map((u) => u.why))].slice(0, 3).join("; ")}.`) : null,
  );
}

function errorsSection(model: PanelModel): HTMLElement {
  return section(
    "errors",
    `Analysis problems (${model.errors.length})`,
    h("ul", { class: "errors" }, ...model.errors.map((e) => h("li", {}, icon("warning"), " ", h("code", {}, `${e.file}${e.line ? `:${e.line}` : ""}`), ` ${e.message}`))),
  );
}

/** A folder without a report: still analysing, or its analysis failed. */
export function renderPending(view: View, status: "analysing" | "failed", message: string | undefined, actions: Actions): HTMLElement[] {
  const out: HTMLElement[] = [];
  const picker = folderPicker(view, actions);
  if (picker instanceof HTMLElement) out.push(picker);
  out.push(
    status === "analysing"
      ? h("p", { class: "empty", testid: "pending" }, icon("loading codicon-modifier-spin"), ` Analysing ${view.folder.name}…`)
      : h("p", { class: "empty failed", testid: "pending" }, icon("warning"), ` The analysis of ${view.folder.name} failed: ${message ?? "see the LLM Readiness log"}`),
  );
  return out;
}

export function renderNoFolder(): HTMLElement[] {
  return [h("p", { class: "empty", testid: "pending" }, icon("folder-opened"), " Open a folder: LLM Readiness analyses the folders of the workspace.")];
}
