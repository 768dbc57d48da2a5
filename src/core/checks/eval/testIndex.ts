/**
 * Which workspace code the tests and evals run and assert on (the eval check, rules/docs/eval.md):
 * built lazily once per scan, walking only what the tests reach through the call graph.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import picomatch from "picomatch";
import type { DetectedSite, SiteFinder } from "../../callSites/detect";
import { resolveName } from "../../callSites/scope";
import { propName, type FunctionNode } from "../../callSites/values";
import type { ParsedFile, Workspace } from "../../project";
import { closure, summarize } from "../../relevance";
import { packageExportOf } from "../../flow/packageExports";
import { unbudgeted } from "../../budget";
import { importsEvalHarness, importsTestFramework, packageDirOf } from "../../testFiles";

/** What covers a function or a call: the test or eval file and the node (or `file:line`) that reaches it. */
export interface Coverage {
  evidence: ts.Node | string;
  test: string;
}

/** Modules whose exports assert (`"*"`: every export; otherwise the exports named). */
const ASSERTION_MODULES: Record<string, "*" | string[]> = {
  assert: "*",
  "node:assert": "*",
  "assert/strict": "*",
  "node:assert/strict": "*",
  chai: "*",
  "uvu/assert": "*",
  "power-assert": "*",
  vitest: ["expect", "assert", "expectTypeOf"],
  "@jest/globals": ["expect"],
  "bun:test": ["expect"],
  "@playwright/test": ["expect"],
  expect: "*",
  "langsmith/vitest": ["expect", "logOutputs", "logFeedback"],
  "langsmith/jest": ["expect", "logOutputs", "logFeedback"],
};

/** Global assertion functions (jest and vitest globals, should.js). */
const GLOBAL_ASSERTIONS = new Set(["expect", "assert", "should"]);

/** Eval harnesses whose task function's output is scored: package → export → where the task is. */
const EVAL_HARNESSES: { packages: string[]; exports: string[]; task: { arg: number } | { key: string } }[] = [
  { packages: ["braintrust"], exports: ["Eval"], task: { key: "task" } },
  { packages: ["evalite"], exports: ["evalite", "default"], task: { key: "task" } },
  { packages: ["vitest-evals"], exports: ["describeEval"], task: { key: "task" } },
  { packages: ["langsmith/evaluation"], exports: ["evaluate"], task: { arg: 0 } },
];


/** Calls that replace a module for the test (`vi.mock("../src/llm", () => ...)`). */
const MOCK_CALL = /^(vi|jest|mock)\.(mock|doMock|unstable_mockModule|module)$/;
/** A mock factory that keeps the real module and overrides some exports. */
const PARTIAL_MOCK = /\b(importOriginal|importActual|requireActual|importMock)\b/;
/** Calls that declare tests rather than assert (`ls.test(...)`, `t.test(...)`). */
const DECLARES = /^(test|it|describe|suite|each|skip|only|todo|concurrent|before|after|beforeAll|afterAll|beforeEach|afterEach|step)$/;

/** A test that requests an API route path (`fetch(`${base}/api/chat`)`, `.post("/api/chat")`). */
const REQUESTS_ROUTE = /["'`/}]\/?api\/[\w-]/;
/** A test that runs a process (`execa("node", [cli])`, `spawnSync(process.execPath, [bin])`, `exec(\`node ${cli}\`)`). */
const SPAWNS = /\b(?:spawn|exec|execFile|execa|execaNode|execaCommand|fork)(?:Sync|Async)?\s*\(/;
const SPAWN_CALL = /^(?:spawn|exec|execFile|execa|execaNode|execaCommand|fork)(?:Sync|Async)?$/;
/**
 * In a hand-written eval or benchmark script (no test framework): calls that score an output
 * (`similarity(out, expected)`, `judge(answer)`, `out.includes("x")`). Comparisons score too.
 */
const SCORES = /score|grade|judge|evaluat|compare|similar|match|accura|distance|overlap|rouge|bleu|f1|equal|verify|check/i;
const SCORES_METHOD = /^(includes|startsWith|endsWith|match|test|localeCompare)$/;
const COMPARES = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.LessThanToken,
  ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.GreaterThanEqualsToken,
]);
const PROMPTFOO_CONFIG = /^promptfooconfig.*\.(ya?ml|json)$/i;
const FILE_REF = /file:\/\/([^\s'"`,\]}#]+)/g;

/** Functions walked from one set of roots (a mocking test, or all the others together). */
const MAX_REACH = 50_000;

interface Root {
  fn: FunctionNode;
  at: ts.Node;
  test: string;
}

type Mocks = Map<string, "all" | Set<string>>;

/** A function a module registers at its top level, with the name or route it is registered under. */
interface Registered {
  fn: FunctionNode;
  key?: string;
}

/** What a test names: strings and member names (`"/answer"`, `graph.nodes.plan`), template prefixes. */
interface Hints {
  names: Set<string>;
  prefixes: string[];
}

/**
 * The registered functions a test drives: those whose route or node name the test mentions
 * (`.post("/answer")`, `nodes.generatePath`), or all of them when it mentions none.
 */
function driven(registered: readonly Registered[], hints: Hints): FunctionNode[] {
  const keyed = registered.filter((r) => r.key !== undefined && matchesHint(r.key, hints));
  const anyKeyMentioned = keyed.length > 0;
  return registered.filter((r) => r.key === undefined || !anyKeyMentioned || keyed.includes(r)).map((r) => r.fn);
}

function matchesHint(key: string, hints: Hints): boolean {
  if (hints.names.has(key)) return true;
  if (!/[:*]/.test(key)) return hints.prefixes.some((p) => key.startsWith(p));
  const re = new RegExp(`^${key.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/:\w+/g, "[^/]+").replace(/\*/g, ".*")}$`);
  return [...hints.names].some((h) => h.startsWith("/") && re.test(h)) || hints.prefixes.some((p) => key.startsWith(p) || p.startsWith(key.split(":")[0]!));
}

export class TestIndex {
  /** Function-like nodes that a test runs and asserts on (directly or through the functions they call). */
  private readonly reached = new Map<ts.Node, Coverage>();
  /** Calls in test files whose result an assertion reads. */
  private readonly asserted = new Map<ts.Node, Coverage>();
  private readonly edgeMemo = new Map<ts.Node, FunctionNode[]>();
  private readonly moduleMemo = new Map<ts.SourceFile, Registered[]>();
  private readonly setupMemo = new Map<string, Mocks>();
  private readonly routeMemo = new Map<string, FunctionNode[]>();
  private readonly registeredMemo = new Map<ts.Node, Registered[]>();
  /** Roots of spawned processes (a test running the package's bin): walked with the callbacks they register. */
  private readonly processRuns: { roots: Root[]; hints: Hints }[] = [];
  readonly testFiles: ParsedFile[] = [];
  /** Whether an eval config (promptfoo) was found, even one that targets nothing we could resolve. */
  hasEvalConfigs = false;

  /** Files that hold a site or import one (transitively): the only code worth walking. */
  private readonly reaching: Set<string>;

  constructor(
    private readonly ws: Workspace,
    private readonly finder: SiteFinder,
    isTest: (rel: string) => boolean,
    siteFiles: Iterable<string>,
  ) {
    this.reaching = filesReaching(ws, siteFiles);
    // Test and eval files as detection recognises them (testFiles.ts: names, the package's scripts, framework imports).
    for (const f of ws.files.values()) {
      if (f.outside || !isTest(f.rel)) continue;
      // An end-to-end test imports no product code: it reaches a route by the path it requests, or spawns the package's bin.
      if (this.reaching.has(f.abs) || REQUESTS_ROUTE.test(f.sf.text) || SPAWNS.test(f.sf.text)) this.testFiles.push(f);
    }
    // A test that only spawns a process imports nothing that reaches an LLM: it is kept as text (project.ts DormantFile).
    for (const d of ws.dormant.values()) {
      if (!SPAWNS.test(d.text) || !isTest(d.rel)) continue;
      const f = ws.fileByPath(d.abs);
      if (f) this.testFiles.push(f);
    }
    // In path order: the first test to reach a call is its evidence, and a session adds new files last.
    this.testFiles.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
    // Tests that mock nothing on the way share one walk; the others walk alone, stopping where the shared walk went.
    const shared: Root[] = [];
    const alone: { roots: Root[]; mocks: Mocks }[] = [];
    // Tests that mock only what their runner's setup files mock share one walk per setup.
    const bySetup = new Map<Mocks, Root[]>();
    for (const t of this.testFiles) {
      const setup = this.setupMocks(t);
      const { roots, mocks, own } = this.indexTest(t, setup);
      if (own) alone.push({ roots, mocks });
      else if (setup.size) {
        const list = bySetup.get(setup) ?? [];
        list.push(...roots);
        bySetup.set(setup, list);
      } else shared.push(...roots);
    }
    this.reach(shared, new Map(), null);
    const closed = new Set(this.reached.keys());
    for (const [mocks, roots] of bySetup) this.reach(roots, mocks, closed);
    for (const a of alone) this.reach(a.roots, a.mocks, closed);
    for (const p of this.processRuns) this.reach(p.roots, new Map(), null, p.hints);
    this.indexPromptfoo();
  }

  /** The test or eval that covers a call: the call asserted in a test, or a reached function around it. */
  coverageOf(call: ts.CallExpression): Coverage | null {
    const direct = this.asserted.get(call);
    if (direct) return direct;
    for (let p: ts.Node | undefined = call.parent; p; p = p.parent) {
      const c = this.reached.get(p);
      if (c) return c;
      // A callback registered for later (`.action(async () => ...)`) does not run when the function around it does.
      if (ts.isFunctionLike(p) && p.parent && (ts.isCallExpression(p.parent) || ts.isNewExpression(p.parent)) && p.parent.arguments?.includes(p as ts.Expression) && registers(p.parent)) return null;
    }
    return null;
  }

  /** The test that runs a function and asserts on the outcome, if any. */
  functionCoverage(fn: ts.Node): Coverage | null {
    return this.reached.get(fn) ?? null;
  }

  /**
   * One pass over a test file collects its mocks, assertions and assignments; then, by name, what the
   * assertions read is followed back to where it comes from: calls of workspace functions (roots to
   * walk), workspace modules driven through an opaque object (an express router, a Hono app: their
   * route handlers run), and the test's own calls (asserted directly). Only names the file declares
   * are resolved (to their declaration: two tests' `result` stay apart), so the pass stays linear.
   */
  private indexTest(t: ParsedFile, setup: Mocks): { roots: Root[]; mocks: Mocks; own: boolean } {
    const roots: Root[] = [];
    const mocks: Mocks = new Map(setup);
    const { asserting, harness, imported, assertImports } = localNames(t.sf);
    const mayMock = t.sf.text.includes("mock");
    const assigned = new Map<ts.Node, ts.Expression[]>();
    const reassigned: ts.BinaryExpression[] = [];
    const locals = new Set<string>();
    const candidates: ts.CallExpression[] = [];
    const hints: Hints = { names: new Set(), prefixes: [] };
    // A hand-written eval or benchmark script scores its outputs with comparisons and scoring calls, not assertions.
    const handWritten = !importsTestFramework(t.sf) && !importsEvalHarness(t.sf);
    const scoring: ts.Node[] = [];
    const stack: ts.Node[] = [t.sf];
    while (stack.length) {
      const n = stack.pop()!;
      if (ts.isVariableDeclaration(n)) {
        const names: string[] = [];
        collectNames(n.name, names);
        for (const name of names) locals.add(name);
        if (n.initializer) push(assigned, n, n.initializer);
      } else if (ts.isFunctionDeclaration(n) && n.name) locals.add(n.name.text);
      else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left)) reassigned.push(n);
      else if (handWritten && ts.isBinaryExpression(n) && COMPARES.has(n.operatorToken.kind)) scoring.push(n.left, n.right);
      else if (ts.isStringLiteralLike(n)) hints.names.add(n.text);
      else if (ts.isTemplateHead(n) && n.text.length > 1) hints.prefixes.push(n.text);
      else if (ts.isPropertyAccessExpression(n)) hints.names.add(n.name.text);
      else if (ts.isCallExpression(n)) {
        if (mayMock) this.addMock(n, t, mocks);
        const root = rootIdentifier(n.expression)?.text;
        if (root && asserting.has(root)) candidates.push(n);
        else if (root && harness.has(root)) this.harnessTasks(n, t, roots);
        else if (handWritten) scoring.push(...scoredBy(n));
      }
      n.forEachChild((c) => void stack.push(c));
    }
    this.addSetupMocks(t, mocks);
    // `let result; beforeAll(async () => { result = await run(); })`: assignments join their declaration.
    for (const b of reassigned) {
      const decl = locals.has((b.left as ts.Identifier).text) ? declarationOf(b.left as ts.Identifier) : undefined;
      if (decl) push(assigned, decl, b.right);
    }
    const followed = new Set<ts.Node>();
    const walked = new Set<ts.Node>();
    const work: ts.Node[] = [];
    // `await expect(run(bad)).rejects.toThrow("Schema is required")` where run throws that itself: the test stops at the throw.
    const stopsEarly = new Set<ts.Node>();
    for (const a of candidates) {
      if (!isAssertion(a, assertImports, locals)) continue;
      work.push(a.expression, ...a.arguments);
      for (const c of this.throwsOwnError(a)) stopsEarly.add(c);
    }
    work.push(...scoring);
    while (work.length) {
      const n = work.pop()!;
      if (walked.has(n) || stopsEarly.has(n)) continue;
      walked.add(n);
      if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
        const root = rootIdentifier(n.expression)?.text;
        const local = root === undefined || locals.has(root) || imported.has(root);
        // A model call a hand-written eval script compares is its judge, the scorer: not covered by being scored (CHECKS.md).
        if (ts.isCallExpression(n) && !handWritten && !this.asserted.has(n)) this.asserted.set(n, { evidence: n, test: t.rel });
        if (local && !(root && asserting.has(root))) this.rootsOf(n, t, mocks, roots, hints);
        // A helper of the test that runs the process (`const run = (...args) => execa("node", [CLI, ...args])`): its spawn is asserted on too.
        if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && locals.has(n.expression.text)) {
          const helper = this.safeEval(n.expression);
          if (helper?.t === "fn" && helper.node.body && helper.node.getSourceFile() === t.sf && SPAWNS.test(helper.node.body.getText())) work.push(helper.node.body);
        }
        // `fetch(`${base}/api/chat`)`, `request(app).post("/api/chat")`: the route file the path maps to by the framework's convention.
        for (const a of n.arguments ?? []) for (const fn of this.routeHandlers(a, t)) if (!isMocked(fn, mocks)) roots.push({ fn, at: n, test: t.rel });
        // `execa("node", [cli, "summarize", file])`: the spawned bin runs (and what it registers for the command).
        if (ts.isCallExpression(n) && SPAWN_CALL.test(calleeName(n) ?? "")) {
          const run = this.spawnedRoots(n, t, hints);
          if (run.length) this.processRuns.push({ roots: run, hints });
        }
      } else if (ts.isIdentifier(n) && isReference(n)) {
        const decl = locals.has(n.text) ? declarationOf(n) : undefined;
        const from = decl && assigned.get(decl);
        if (decl && from) {
          if (!followed.has(decl)) {
            followed.add(decl);
            work.push(...from);
          }
        } else if (imported.has(n.text) && !isCallee(n)) {
          // An imported object the test drives (`request(app)` with `app.use(chatRouter)`): its module's handlers run.
          const mod = this.workspaceImport(n, t);
          if (mod && mocks.get(mod.abs) !== "all" && this.moduleCallbacks(mod).length && this.isOpaque(n)) {
            for (const fn of driven(this.moduleCallbacks(mod), hints)) roots.push({ fn, at: n, test: t.rel });
          }
        }
      }
      n.forEachChild((c) => void work.push(c));
    }
    return { roots, mocks, own: mocks.size !== setup.size || [...mocks].some(([k, v]) => setup.get(k) !== v) };
  }

  /**
   * What the test runner's setup files mock for every test of the package (bun's `--preload`,
   * `bunfig.toml` preload, jest's and vitest's `setupFiles`), found from the package's test
   * command and configs: one shared map per package.
   */
  private setupMocks(t: ParsedFile): Mocks {
    const dir = packageDirOf(t.abs, this.ws.root);
    const cached = this.setupMemo.get(dir);
    if (cached) return cached;
    const mocks: Mocks = new Map();
    this.setupMemo.set(dir, mocks);
    for (const rel of setupFilesOf(dir)) {
      const f = this.ws.fileByPath(path.resolve(dir, rel.replace(/^<rootDir>\//, "")));
      if (!f || f.abs === t.abs) continue;
      const stack: ts.Node[] = [f.sf];
      while (stack.length) {
        const n = stack.pop()!;
        if (ts.isCallExpression(n)) this.addMock(n, f, mocks);
        n.forEachChild((c) => void stack.push(c));
      }
    }
    return mocks;
  }

  /**
   * The calls a throw assertion checks (`expect(f(x)).rejects.toThrow("msg")`, `expect(() => f(x)).toThrow(/msg/)`)
   * when the function called throws that message itself (`throw new Error("msg")` in its own body):
   * the test reaches only the check before the work, not what the function goes on to call.
   */
  private throwsOwnError(a: ts.CallExpression): ts.CallExpression[] {
    if (!ts.isPropertyAccessExpression(a.expression) || !/^toThrow(Error)?$/.test(a.expression.name.text)) return [];
    const m = a.arguments[0];
    if (!m || !(ts.isStringLiteralLike(m) || ts.isRegularExpressionLiteral(m))) return [];
    const matches = (text: string): boolean => {
      if (ts.isStringLiteralLike(m)) return text.includes(m.text);
      const re = /^\/(.*)\/([a-z]*)$/s.exec(m.text);
      try {
        return !!re && new RegExp(re[1]!, re[2]!.replace(/[gy]/g, "")).test(text);
      } catch {
        return false;
      }
    };
    let e: ts.Expression = a.expression.expression;
    while (ts.isPropertyAccessExpression(e) && /^(rejects|not|resolves)$/.test(e.name.text)) {
      if (e.name.text !== "rejects") return [];
      e = e.expression;
    }
    if (!ts.isCallExpression(e) || !e.arguments[0]) return [];
    let subject: ts.Expression = e.arguments[0];
    while (ts.isAwaitExpression(subject) || ts.isParenthesizedExpression(subject)) subject = subject.expression;
    if ((ts.isArrowFunction(subject) || ts.isFunctionExpression(subject)) && !ts.isBlock(subject.body)) subject = subject.body;
    while (ts.isAwaitExpression(subject) || ts.isParenthesizedExpression(subject)) subject = subject.expression;
    if (!ts.isCallExpression(subject) || !this.mayReach(subject.expression)) return [];
    const target = this.calleeOf(subject);
    if (!target?.body) return [];
    let own = false;
    const visit = (n: ts.Node) => {
      if (own || (n !== target.body && ts.isFunctionLike(n))) return;
      if (ts.isThrowStatement(n) && n.expression && (ts.isNewExpression(n.expression) || ts.isCallExpression(n.expression))) {
        const msg = n.expression.arguments?.[0];
        if (msg && ts.isStringLiteralLike(msg) && matches(msg.text)) own = true;
        else if (msg && ts.isTemplateExpression(msg) && matches(msg.head.text) && msg.head.text.length > 3) own = true;
      }
      n.forEachChild(visit);
    };
    visit(target.body);
    return own ? [subject] : [];
  }

  /**
   * The handlers a requested path reaches by the framework's file convention: Next.js app routes
   * (`app/api/chat/route.ts` for `/api/chat`, its GET/POST/... exports) and pages API routes
   * (`pages/api/chat.ts`, its default export), looked up from the test's package and the root.
   */
  private routeHandlers(arg: ts.Expression, t: ParsedFile): FunctionNode[] {
    let text: string | undefined;
    if (ts.isStringLiteralLike(arg)) text = arg.text;
    else if (ts.isTemplateExpression(arg)) text = arg.templateSpans.map((sp) => sp.literal.text).join("") || arg.head.text;
    if (!text) return [];
    const m = /^(?:https?:\/\/[^/\s]+)?(\/[\w\-./]*)/.exec(text) ?? /^(\/[\w\-./]*)/.exec(text.replace(/^[^/]*/, ""));
    const route = m?.[1]?.replace(/\/+$/, "");
    if (!route || route.length < 2 || /\.\w+$/.test(route)) return [];
    const cached = this.routeMemo.get(route + "\0" + t.abs);
    if (cached) return cached;
    const out: FunctionNode[] = [];
    const bases = new Set<string>();
    for (const dir of [packageDirOf(t.abs, this.ws.root), this.ws.root]) for (const sub of ["", "src"]) bases.add(path.join(dir, sub));
    for (const base of bases) {
      for (const ext of ["ts", "js", "tsx", "mjs"]) {
        const app = this.ws.fileByPath(path.join(base, "app", route, `route.${ext}`));
        if (app) for (const verb of ["GET", "POST", "PUT", "PATCH", "DELETE"]) out.push(...this.exportedFunctions(app, verb));
        for (const pages of [path.join(base, "pages", `${route}.${ext}`), path.join(base, "pages", route, `index.${ext}`)]) {
          const f = route.startsWith("/api/") ? this.ws.fileByPath(pages) : undefined;
          if (f) out.push(...this.exportedFunctions(f, "default"));
        }
      }
    }
    this.routeMemo.set(route + "\0" + t.abs, out);
    return out;
  }

  /** The workspace function a call in a test runs (not mocked away), or the handlers of a module it drives. */
  private rootsOf(n: ts.CallExpression | ts.NewExpression, t: ParsedFile, mocks: Mocks, roots: Root[], hints: Hints): void {
    if (!this.mayReach(n.expression)) return;
    const target = this.calleeOf(n);
    if (target) {
      if (!isMocked(target, mocks)) roots.push({ fn: target, at: n, test: t.rel });
      return;
    }
    const mod = this.workspaceImport(rootIdentifier(n.expression), t);
    if (!mod) return;
    // A router composed of other modules' routers (`router({ notes: notesRouter })`, driven by `createCaller(ctx).notes.title(...)`): theirs run too.
    for (const m of this.composedModules(mod)) {
      if (mocks.get(m.abs) !== "all") for (const fn of driven(this.moduleCallbacks(m), hints)) roots.push({ fn, at: n, test: t.rel });
    }
  }

  /** A module and the workspace modules whose imports its top-level calls are given (a router of routers), transitively. */
  private composedModules(mod: ParsedFile, depth = 0, out: ParsedFile[] = []): ParsedFile[] {
    if (out.includes(mod)) return out;
    out.push(mod);
    if (depth >= 3) return out;
    const stack: ts.Node[] = [...mod.sf.statements];
    while (stack.length) {
      const n = stack.pop()!;
      if (ts.isFunctionLike(n) || ts.isClassLike(n) || ts.isImportDeclaration(n)) continue;
      if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && n.arguments) {
        for (const a of n.arguments) {
          const obj = ts.isObjectLiteralExpression(a) ? a : undefined;
          const ids = obj ? obj.properties.map((p) => (ts.isPropertyAssignment(p) && ts.isIdentifier(p.initializer) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined)) : [ts.isIdentifier(a) ? a : undefined];
          for (const id of ids) {
            const m = id && this.workspaceImport(id, mod);
            if (m) this.composedModules(m, depth + 1, out);
          }
        }
      }
      n.forEachChild((c) => void stack.push(c));
    }
    return out;
  }

  /** Eval harness calls (`Eval(name, { task })`, `evaluate(target, ...)`): the task's output is scored. */
  private harnessTasks(call: ts.CallExpression, t: ParsedFile, roots: Root[]): void {
    const pe = packageExportOf(this.ws, call.expression);
    if (!pe) return;
    const h = EVAL_HARNESSES.find((x) => x.packages.includes(pe.pkg) && x.exports.includes(pe.name));
    if (!h) return;
    let task: ts.Expression | undefined;
    const spec = h.task;
    if ("arg" in spec) task = call.arguments[spec.arg];
    else {
      for (const a of call.arguments) {
        const obj = this.finder.objectLiteral(a);
        const p = obj && this.finder.propertyExpr(obj, spec.key);
        if (p) task = p;
        const m = obj?.properties.find((x) => ts.isMethodDeclaration(x) && x.name && propName(x.name) === spec.key);
        if (m && ts.isMethodDeclaration(m)) roots.push({ fn: m, at: call, test: t.rel });
      }
    }
    if (!task) return;
    const v = ts.isArrowFunction(task) || ts.isFunctionExpression(task) ? { t: "fn" as const, node: task } : this.safeEval(task);
    if (v?.t === "fn") roots.push({ fn: v.node, at: call, test: t.rel });
  }

  /**
   * What a spawned process runs, when it is workspace code: the file a path argument names (relative to
   * the test or its package: `path.join(__dirname, "../bin/cli.js")`, `node bin/cli.js`) or the package's
   * `bin` entry a command names (`execa("notes", ["summarize"])`), build output mapped to its sources.
   * Its roots are what the entry file runs at its top level (CHECKS.md "Eval coverage").
   */
  private spawnedRoots(call: ts.CallExpression, t: ParsedFile, hints: Hints): Root[] {
    const pieces = new Set<string>();
    for (const a of call.arguments) pathPieces(a, pieces, 0);
    if (!pieces.size) return [];
    const pkgDir = packageDirOf(t.abs, this.ws.root);
    const bins = binsOf(pkgDir);
    const out: Root[] = [];
    const seen = new Set<ParsedFile>();
    for (const piece of pieces) {
      const targets = bins.has(piece) ? [bins.get(piece)!] : [path.resolve(path.dirname(t.abs), piece), path.resolve(pkgDir, piece)];
      for (const abs of targets) {
        const f = this.sourceAt(abs);
        if (!f || seen.has(f) || f.abs === t.abs) continue;
        seen.add(f);
        for (const fn of this.entryRoots(f, hints, 0)) out.push({ fn, at: call, test: t.rel });
      }
    }
    return out;
  }

  /** The workspace source at a path: as is, with a source extension for a compiled one, or build output mapped to `src/`. */
  private sourceAt(abs: string): ParsedFile | undefined {
    if (abs.includes(`${path.sep}node_modules${path.sep}`) || !abs.startsWith(this.ws.root)) return undefined;
    const stems = [abs];
    if (/[/\\](dist|build|lib|out)[/\\]/.test(abs)) stems.push(abs.replace(/([/\\])(dist|build|lib|out)([/\\])/, "$1src$3"), abs.replace(/([/\\])(dist|build|lib|out)([/\\])/, "$1"));
    for (const stem of stems) {
      const bare = stem.replace(/\.[cm]?[jt]sx?$/, "");
      for (const cand of [stem, ...[".ts", ".tsx", ".mts", ".js", ".mjs", ".cjs"].map((e) => bare + e), ...[".ts", ".js"].map((e) => path.join(bare, "index" + e))]) {
        const f = this.ws.fileByPath(cand);
        if (f) return f;
      }
    }
    return undefined;
  }

  /**
   * What an entry file runs when it is executed: the workspace functions its top level calls (`main()`,
   * an IIFE), the callbacks it registers there, and the entry files it imports for their effect.
   */
  private entryRoots(f: ParsedFile, hints: Hints, depth: number): FunctionNode[] {
    const out: FunctionNode[] = [];
    const registered: Registered[] = [];
    const stack: ts.Node[] = [...f.sf.statements];
    while (stack.length) {
      const n = stack.pop()!;
      if (ts.isImportDeclaration(n)) {
        if (!n.importClause && ts.isStringLiteral(n.moduleSpecifier) && depth < 3) {
          const p = this.resolveModule(f.abs, n.moduleSpecifier.text);
          const g = p && !("pkg" in p) ? this.ws.fileByPath(p.abs) : p && "pkg" in p ? undefined : this.sourceAt(path.resolve(path.dirname(f.abs), n.moduleSpecifier.text));
          if (g) out.push(...this.entryRoots(g, hints, depth + 1));
        }
        continue;
      }
      if (ts.isFunctionDeclaration(n) || ts.isClassLike(n) || ts.isInterfaceDeclaration(n) || ts.isTypeAliasDeclaration(n)) continue;
      if (ts.isFunctionLike(n)) continue;
      if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
        let callee: ts.Expression = n.expression;
        while (ts.isParenthesizedExpression(callee)) callee = callee.expression;
        if ((ts.isArrowFunction(callee) || ts.isFunctionExpression(callee)) && callee.body) out.push(callee);
        else {
          const g = this.mayReach(n.expression) ? this.calleeOf(n) : null;
          if (g) out.push(g);
        }
        // `require("../dist/cli.js")` run for its effect.
        const spec = ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === "require" ? n.arguments[0] : undefined;
        if (spec && ts.isStringLiteralLike(spec) && depth < 3) {
          const g = this.sourceAt(path.resolve(path.dirname(f.abs), spec.text));
          if (g && g !== f) out.push(...this.entryRoots(g, hints, depth + 1));
        }
        registered.push(...this.callbacksOf(n));
      }
      n.forEachChild((c) => void stack.push(c));
    }
    out.push(...driven(registered, hints));
    return out;
  }

  /** The functions a call is handed (written in place, or a name that evaluates to one), keyed by the call's chain. */
  private callbacksOf(n: ts.CallExpression | ts.NewExpression): Registered[] {
    const out: Registered[] = [];
    for (const a of n.arguments ?? []) {
      if ((ts.isArrowFunction(a) || ts.isFunctionExpression(a)) && a.body) out.push({ fn: a, key: chainKey(n) });
      else if ((ts.isIdentifier(a) || ts.isPropertyAccessExpression(a)) && this.mayReach(a)) {
        const v = this.safeEval(a);
        if (v?.t === "fn" && v.node.body) out.push({ fn: v.node, key: chainKey(n) });
      }
    }
    return out;
  }

  /** Callbacks a function registers (`program.command("add").action(cb)`, `emitter.on("x", cb)`), with the key they are registered under. */
  private registeredIn(fn: FunctionNode): Registered[] {
    const cached = this.registeredMemo.get(fn);
    if (cached) return cached;
    const out: Registered[] = [];
    this.registeredMemo.set(fn, out);
    if (!fn.body) return out;
    const stack: ts.Node[] = [fn.body];
    while (stack.length) {
      const n = stack.pop()!;
      if (n !== fn.body && (ts.isFunctionDeclaration(n) || ts.isClassLike(n))) continue;
      if (ts.isCallExpression(n) && registers(n)) {
        out.push(...this.callbacksOf(n));
      }
      n.forEachChild((c) => void stack.push(c));
    }
    return out;
  }

  /** Walks the call graph from the roots, skipping what the test mocks away. */
  private reach(roots: Root[], mocks: Mocks, closed: ReadonlySet<ts.Node> | null, runs?: Hints): void {
    const seen = new Set<ts.Node>();
    const queue: { fn: FunctionNode; cov: Coverage }[] = [];
    for (const r of roots) {
      if (seen.has(r.fn)) continue;
      seen.add(r.fn);
      queue.push({ fn: r.fn, cov: { evidence: r.at, test: r.test } });
    }
    for (let i = 0; i < queue.length && i < MAX_REACH; i++) {
      const { fn, cov } = queue[i]!;
      if (!this.reached.has(fn)) this.reached.set(fn, cov);
      // Everything below a function the shared walk reached was reached too.
      if (closed?.has(fn)) continue;
      // A process run with arguments runs the command's callbacks that its functions register.
      const next = runs ? [...this.edges(fn), ...driven(this.registeredIn(fn), runs)] : this.edges(fn);
      for (const g of next) {
        if (seen.has(g) || isMocked(g, mocks)) continue;
        seen.add(g);
        queue.push({ fn: g, cov });
      }
    }
  }

  /** Workspace functions a function calls or hands on as callbacks (memoized for the scan). */
  private edges(fn: FunctionNode): FunctionNode[] {
    const cached = this.edgeMemo.get(fn);
    if (cached) return cached;
    const out: FunctionNode[] = [];
    this.edgeMemo.set(fn, out);
    if (!fn.body) return out;
    const stack: ts.Node[] = [fn.body];
    while (stack.length) {
      const n = stack.pop()!;
      if (n !== fn.body && (ts.isFunctionDeclaration(n) || ts.isClassLike(n))) continue;
      if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
        const g = this.mayReach(n.expression) ? this.calleeOf(n) : null;
        if (g && g !== fn && this.reaching.has(g.getSourceFile().fileName)) out.push(g);
        // A callback registered for later (`program.command("add").action(cb)`, `emitter.on("x", cb)`) does not run when the function does.
        if (registers(n)) {
          n.expression.forEachChild((c) => void stack.push(c));
          continue;
        }
        for (const a of n.arguments ?? []) {
          if ((!ts.isIdentifier(a) && !ts.isPropertyAccessExpression(a)) || !this.mayReach(a)) continue;
          const v = this.safeEval(a);
          if (v?.t === "fn" && v.node.body && this.reaching.has(v.node.getSourceFile().fileName)) out.push(v.node);
        }
      }
      n.forEachChild((c) => void stack.push(c));
    }
    return out;
  }

  /** The workspace function a call runs (a class's constructor for `new`), if any. */
  private calleeOf(n: ts.CallExpression | ts.NewExpression): FunctionNode | null {
    const v = this.safeEval(n.expression);
    if (!v) return null;
    if (v.t === "fn") return v.node.body ? v.node : null;
    if (v.t === "class" && ts.isNewExpression(n)) {
      const ctor = v.node.members.find(ts.isConstructorDeclaration);
      return ctor?.body ? ctor : null;
    }
    return null;
  }

  private safeEval(e: ts.Node) {
    try {
      return this.finder.ev.eval(e);
    } catch {
      return null;
    }
  }

  /** Functions handed to calls at a module's top level: route handlers, listeners, jobs. */
  private moduleCallbacks(file: ParsedFile): Registered[] {
    const cached = this.moduleMemo.get(file.sf);
    if (cached) return cached;
    const out: Registered[] = [];
    const stack: ts.Node[] = [...file.sf.statements];
    while (stack.length) {
      const n = stack.pop()!;
      if (ts.isFunctionLike(n) || ts.isClassLike(n)) continue;
      if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
        const first = n.arguments?.[0];
        const key = first && ts.isStringLiteralLike(first) ? first.text : undefined;
        for (const a of n.arguments ?? []) {
          if ((ts.isArrowFunction(a) || ts.isFunctionExpression(a)) && a.body) out.push({ fn: a, key });
          // Functions registered by name: `router.post("/x", handler)`, `graph.addNode("plan", plan)`.
          else if ((ts.isIdentifier(a) || ts.isPropertyAccessExpression(a)) && this.mayReach(a)) {
            const v = this.safeEval(a);
            if (v?.t === "fn" && v.node.body) out.push({ fn: v.node, key });
          }
        }
      }
      n.forEachChild((c) => void stack.push(c));
    }
    this.moduleMemo.set(file.sf, out);
    return out;
  }

  /**
   * Where a module specifier leads, as the workspace resolves it, or else through a build output
   * path to its sources (`@acme/agents/dist/graph` → `src/graph`), as package entry points are.
   */
  private resolveModule(fromAbs: string, spec: string): { abs: string } | { pkg: string } | null {
    const p = this.ws.resolvePath(fromAbs, spec);
    if (p && "pkg" in p && /\/(dist|lib|build|out)\//.test(spec)) {
      for (const alt of [spec.replace(/\/(dist|lib|build|out)\//, "/src/"), spec.replace(/\/(dist|lib|build|out)\//, "/")]) {
        const q = this.ws.resolvePath(fromAbs, alt);
        if (q && !("pkg" in q)) return q;
      }
    }
    return p;
  }

  /** The workspace module an identifier is imported from (not a package), if any. */
  private workspaceImport(id: ts.Identifier | undefined, t: ParsedFile): ParsedFile | null {
    if (!id) return null;
    const b = resolveName(id.text, id);
    if (b?.kind !== "import") return null;
    const p = this.resolveModule(t.abs, b.spec);
    if (!p || "pkg" in p || !this.reaching.has(p.abs)) return null;
    return this.ws.files.get(p.abs) ?? null;
  }

  /**
   * Whether an expression can lead to a site: not rooted in an import of a package or of a module
   * that reaches no site (checked on paths, so nothing is parsed or evaluated for it).
   */
  private mayReach(e: ts.Expression): boolean {
    const id = rootIdentifier(e);
    if (!id) return true;
    const b = resolveName(id.text, id);
    if (b?.kind !== "import") return true;
    const p = this.resolveModule(id.getSourceFile().fileName, b.spec);
    return !!p && !("pkg" in p) && this.reaching.has(p.abs);
  }

  /** An imported value that is neither a function, a class nor a constant the test compares with. */
  private isOpaque(id: ts.Identifier): boolean {
    const v = this.safeEval(id);
    if (v && (v.t === "fn" || v.t === "class" || v.t === "iface" || v.t === "module")) return false;
    const init = this.finder.strings.initializerOf(id);
    // Not visible (a compiled path, a re-export we cannot follow): what the test drives is unknown.
    if (!init) return true;
    let e: ts.Expression = init;
    while (ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e)) e = e.expression;
    return ts.isCallExpression(e) || ts.isNewExpression(e);
  }

  /**
   * Mocks a test gets from a shared setup module it imports (`import { mocks } from "../setup"` where
   * `setup.ts` calls `mock.module("@acme/docs/embed", ...)` at its top level): they replace those
   * modules for this test too.
   */
  private addSetupMocks(t: ParsedFile, mocks: Mocks): void {
    for (const st of t.sf.statements) {
      if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !st.moduleSpecifier.text.startsWith(".")) continue;
      const p = this.resolveModule(t.abs, st.moduleSpecifier.text);
      const setup = p && !("pkg" in p) ? this.ws.fileByPath(p.abs) : undefined;
      if (!setup || setup === t || !/mock/.test(setup.sf.text)) continue;
      for (const top of setup.sf.statements) {
        if (ts.isExpressionStatement(top) && ts.isCallExpression(top.expression)) this.addMock(top.expression, setup, mocks);
      }
    }
  }

  /** Records a module the test replaces: `"all"` for a full mock, or the exports a partial mock overrides. */
  private addMock(n: ts.CallExpression, t: ParsedFile, mocks: Mocks): void {
    const callee = n.expression;
    if (!ts.isPropertyAccessExpression(callee) || !/^(mock|doMock|unstable_mockModule|module)$/.test(callee.name.text)) return;
    if (!MOCK_CALL.test(callee.getText().replace(/\s+/g, ""))) return;
    const spec = n.arguments[0];
    const p = spec && ts.isStringLiteralLike(spec) ? this.resolveModule(t.abs, spec.text) : null;
    // Only mocks of modules on the way to a site change what the test reaches.
    if (p && !("pkg" in p) && this.reaching.has(p.abs)) this.mockModule(p.abs, mockedExports(n.arguments[1]), mocks, 0);
  }

  /** A mocked module replaces what it re-exports too (`export * from "./transactions"`), as its importers see it. */
  private mockModule(abs: string, what: "all" | Set<string>, mocks: Mocks, depth: number): void {
    if (mocks.has(abs) || !this.reaching.has(abs)) return;
    mocks.set(abs, what);
    const f = this.ws.files.get(abs);
    if (!f || depth > 3 || what !== "all") return;
    for (const st of f.sf.statements) {
      if (!ts.isExportDeclaration(st) || !st.moduleSpecifier || !ts.isStringLiteral(st.moduleSpecifier) || st.isTypeOnly) continue;
      const q = this.resolveModule(abs, st.moduleSpecifier.text);
      if (!q || "pkg" in q) continue;
      const names = st.exportClause && ts.isNamedExports(st.exportClause) ? new Set(st.exportClause.elements.map((e) => (e.propertyName ?? e.name).text)) : "all";
      this.mockModule(q.abs, names, mocks, depth + 1);
    }
  }

  /** promptfoo configs (read as text from the workspace's folders, never run): `file://path[:function]` targets. */
  private indexPromptfoo(): void {
    const root = this.ws.root;
    const dirs = new Set<string>([root]);
    for (const abs of [...this.ws.files.keys(), ...this.ws.dormant.keys()]) dirs.add(path.dirname(abs));
    for (const sub of ["eval", "evals", "promptfoo", "test", "tests"]) dirs.add(path.join(root, sub));
    for (const dir of dirs) {
      const names = this.ws.listDir(dir);
      if (!names) continue;
      for (const name of names) if (PROMPTFOO_CONFIG.test(name)) this.promptfooConfig(path.join(dir, name));
    }
  }

  private promptfooConfig(configAbs: string): void {
    this.hasEvalConfigs = true;
    let text: string;
    try {
      if (fs.statSync(configAbs).size > 1_000_000) return;
      text = fs.readFileSync(configAbs, "utf8");
    } catch {
      return;
    }
    const rel = path.relative(this.ws.root, configAbs).split(path.sep).join("/");
    for (const m of text.matchAll(FILE_REF)) {
      const ref = /^(.*\.[cm]?[jt]sx?)(?::([A-Za-z_$][\w$]*))?$/.exec(m[1]!);
      if (!ref) continue;
      const file = this.ws.fileByPath(path.resolve(path.dirname(configAbs), ref[1]!));
      if (!file) continue;
      const line = text.slice(0, m.index).split("\n").length;
      const at = `${rel}:${line}`;
      const fns = this.exportedFunctions(file, ref[2] ?? "default");
      const seen = new Set<ts.Node>();
      const queue = [...fns];
      for (let i = 0; i < queue.length && i < MAX_REACH; i++) {
        const fn = queue[i]!;
        if (seen.has(fn)) continue;
        seen.add(fn);
        if (!this.reached.has(fn)) this.reached.set(fn, { evidence: at, test: rel });
        queue.push(...this.edges(fn));
      }
    }
  }

  /** The functions an export is: a function, a class's methods (a provider's `callApi`), an object's methods. */
  private exportedFunctions(file: ParsedFile, name: string): FunctionNode[] {
    let v;
    try {
      v = this.finder.ev.exportOf(file, name, 0);
    } catch {
      v = null;
    }
    if (!v) return [];
    if (v.t === "fn") return v.node.body ? [v.node] : [];
    if (v.t === "class" || v.t === "obj") return v.node.members.filter((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && !!m.body);
    if (v.t === "objlit") {
      return v.node.properties.flatMap((p): FunctionNode[] => {
        if (ts.isMethodDeclaration(p) && p.body) return [p];
        if (ts.isPropertyAssignment(p) && (ts.isArrowFunction(p.initializer) || ts.isFunctionExpression(p.initializer))) return [p.initializer];
        return [];
      });
    }
    return [];
  }
}

/**
 * Methods that register a callback to run later, on an event or a command (commander's `action`,
 * emitters' `on`), rather than run it: what the callback reaches is not reached by the caller.
 */
const REGISTERS = /^(action|on|once|addListener|addEventListener|prependListener|subscribe|hook|addHook|onEvent|onCommand)$/;

function registers(n: ts.CallExpression | ts.NewExpression): boolean {
  return ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && REGISTERS.test(n.expression.name.text);
}

/** Setup files the test runner loads before every test of a package: `--preload x`, bunfig.toml `preload`, `setupFiles`. */
function setupFilesOf(dir: string): string[] {
  const out: string[] = [];
  const read = (name: string): string => {
    try {
      const abs = path.join(dir, name);
      return fs.statSync(abs).size < 200_000 ? fs.readFileSync(abs, "utf8") : "";
    } catch {
      return "";
    }
  };
  const pkgText = read("package.json");
  try {
    const pkg = JSON.parse(pkgText || "{}") as { scripts?: Record<string, string>; jest?: { setupFiles?: string[]; setupFilesAfterEnv?: string[] } };
    for (const [name, cmd] of Object.entries(pkg.scripts ?? {})) {
      if (!/test/i.test(name) || typeof cmd !== "string") continue;
      for (const m of cmd.matchAll(/--(?:preload|setupFiles|setup-files|require|import)[=\s]+["']?([^\s"'&|;]+)/g)) out.push(m[1]!);
    }
    out.push(...(pkg.jest?.setupFiles ?? []), ...(pkg.jest?.setupFilesAfterEnv ?? []));
  } catch {
    // Not JSON: no scripts to read.
  }
  const bunfig = read("bunfig.toml");
  for (const m of bunfig.matchAll(/preload\s*=\s*(\[[^\]]*\]|"[^"]*")/g)) for (const q of m[1]!.matchAll(/"([^"]+)"/g)) out.push(q[1]!);
  for (const name of ["vitest.config.ts", "vitest.config.mts", "vitest.config.js", "vitest.config.mjs", "vite.config.ts", "jest.config.ts", "jest.config.js", "jest.config.mjs", "jest.config.cjs"]) {
    const text = read(name);
    for (const m of text.matchAll(/setupFiles(?:AfterEnv)?\s*:\s*(\[[^\]]*\]|["'][^"']*["'])/g)) for (const q of m[1]!.matchAll(/["']([^"']+)["']/g)) out.push(q[1]!);
  }
  return out.filter((f) => /\.[cm]?[jt]sx?$/.test(f));
}

/** What a mock factory replaces: everything, unless it spreads the real module and overrides a few exports. */
function mockedExports(factory: ts.Expression | undefined): "all" | Set<string> {
  if (!factory || !(ts.isArrowFunction(factory) || ts.isFunctionExpression(factory))) return "all";
  if (!PARTIAL_MOCK.test(factory.getText())) return "all";
  const names = new Set<string>();
  const stack: ts.Node[] = [factory.body];
  while (stack.length) {
    const n = stack.pop()!;
    if (ts.isObjectLiteralExpression(n)) {
      for (const p of n.properties) if (!ts.isSpreadAssignment(p) && p.name) names.add(propName(p.name) ?? "");
      continue;
    }
    n.forEachChild((c) => void stack.push(c));
  }
  return names;
}

/** Whether a mock replaces the module (or the export) a function belongs to. */
function isMocked(fn: FunctionNode, mocks: Mocks): boolean {
  if (!mocks.size) return false;
  const m = mocks.get(fn.getSourceFile().fileName);
  if (!m) return false;
  if (m === "all") return true;
  const name = exportName(fn);
  return !!name && m.has(name);
}

function exportName(fn: FunctionNode): string | undefined {
  if (ts.isFunctionDeclaration(fn) && fn.name) return fn.name.text;
  const p = fn.parent;
  if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (p && ts.isClassLike(p) && p.name) return p.name.text;
  return undefined;
}

/** Local names that may assert (globals and imports from assertion modules) or run an eval harness. */
interface LocalNames {
  /** Names that may assert: globals, `t`, and imports from assertion modules. */
  asserting: Set<string>;
  /** Names imported from eval harness packages. */
  harness: Set<string>;
  /** Other imported names. */
  imported: Set<string>;
  /** Local name → the assertion module and export it is imported as (`"*"` for a namespace or default). */
  assertImports: Map<string, { spec: string; name: string }>;
}

/** The names a test file imports, sorted by what they are for (from its import statements and requires). */
function localNames(sf: ts.SourceFile): LocalNames {
  const out: LocalNames = { asserting: new Set([...GLOBAL_ASSERTIONS, "t"]), harness: new Set(), imported: new Set(), assertImports: new Map() };
  const add = (spec: string, local: string, name: string) => {
    if (spec in ASSERTION_MODULES) {
      out.asserting.add(local);
      out.assertImports.set(local, { spec, name });
    } else if (EVAL_HARNESSES.some((h) => h.packages.includes(spec))) out.harness.add(local);
    else out.imported.add(local);
  };
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !st.importClause) continue;
    const spec = st.moduleSpecifier.text;
    const clause = st.importClause;
    if (clause.name) add(spec, clause.name.text, "*");
    const nb = clause.namedBindings;
    if (nb && ts.isNamespaceImport(nb)) add(spec, nb.name.text, "*");
    else if (nb) for (const el of nb.elements) add(spec, el.name.text, (el.propertyName ?? el.name).text);
  }
  // `const { Eval } = require("braintrust")`, `const { strict: assert } = require("node:assert")`.
  if (sf.text.includes("require(")) {
    for (const m of sf.text.matchAll(/(?:const|let|var)\s+(\{[^}]*\}|[\w$]+)\s*=\s*require\(\s*["']([^"']+)["']\s*\)/g)) {
      const spec = m[2]!;
      const binding = m[1]!;
      if (!binding.startsWith("{")) {
        add(spec, binding, "*");
        continue;
      }
      for (const part of binding.slice(1, -1).split(",")) {
        const [name, local] = part.split(":").map((x) => x.trim());
        if (name) add(spec, local || name, name);
      }
    }
  }
  return out;
}

/** `expect(...)`, `assert.equal(...)`, `t.is(...)`, `ls.logOutputs(...)`: a call that checks a value. */
function isAssertion(call: ts.CallExpression, assertImports: LocalNames["assertImports"], locals: ReadonlySet<string>): boolean {
  const members: string[] = [];
  let e: ts.Expression = call.expression;
  while (ts.isPropertyAccessExpression(e) || ts.isCallExpression(e) || ts.isElementAccessExpression(e) || ts.isNonNullExpression(e)) {
    if (ts.isPropertyAccessExpression(e)) members.unshift(e.name.text);
    e = e.expression;
  }
  if (!ts.isIdentifier(e) || members.some((m) => DECLARES.test(m))) return false;
  const imp = assertImports.get(e.text);
  if (imp) {
    const allowed = ASSERTION_MODULES[imp.spec];
    if (!allowed) return false;
    if (allowed === "*") return true;
    const name = imp.name === "*" ? members[0] : imp.name;
    return !!name && allowed.includes(name);
  }
  if (locals.has(e.text)) return false;
  // A test context (`t.is(...)`, `t.assert.equal(...)`) or a global (`expect`, jest and vitest globals).
  return e.text === "t" ? members.length > 0 : GLOBAL_ASSERTIONS.has(e.text);
}

/** Scanned files that contain a site or import (transitively) one that does. */
function filesReaching(ws: Workspace, siteFiles: Iterable<string>): Set<string> {
  const importers = new Map<string, string[]>();
  for (const f of ws.files.values()) {
    if (f.outside) continue;
    for (const spec of summarize(f.sf, f.sf.text, () => false).specs) {
      const p = ws.resolvePath(f.abs, spec);
      if (!p || "pkg" in p) continue;
      const list = importers.get(p.abs) ?? [];
      list.push(f.abs);
      importers.set(p.abs, list);
    }
  }
  return closure(siteFiles, importers);
}

/** A package's `bin` commands → their files (absolute), by command name. */
function binsOf(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: unknown; bin?: unknown };
    if (typeof pkg.bin === "string" && typeof pkg.name === "string") out.set(pkg.name.replace(/^@[^/]+\//, ""), path.resolve(dir, pkg.bin));
    else if (pkg.bin && typeof pkg.bin === "object") for (const [k, v] of Object.entries(pkg.bin)) if (typeof v === "string") out.set(k, path.resolve(dir, v));
  } catch {
    // No package.json, or no bin.
  }
  return out;
}

/**
 * Path-like pieces of a spawn's arguments: strings and the tokens of command strings, joined
 * `path.join`/`path.resolve` parts, `new URL(x, import.meta.url)`, and the values of local constants.
 */
function pathPieces(e: ts.Node, out: Set<string>, depth: number): void {
  if (depth > 3) return;
  const addText = (text: string) => {
    for (const tok of text.split(/\s+/)) {
      const clean = tok.replace(/^["']|["']$/g, "").replace(/^\/+(?=[\w.])/, "");
      if (clean && /[\w]/.test(clean) && !clean.startsWith("-")) out.add(clean);
    }
  };
  if (ts.isStringLiteralLike(e)) addText(e.text);
  else if (ts.isTemplateExpression(e)) {
    addText([e.head.text, ...e.templateSpans.map((sp) => sp.literal.text)].join(" "));
    for (const sp of e.templateSpans) pathPieces(sp.expression, out, depth + 1);
  } else if (ts.isArrayLiteralExpression(e)) for (const el of e.elements) pathPieces(el, out, depth + 1);
  else if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isAwaitExpression(e)) pathPieces(e.expression, out, depth);
  else if ((ts.isCallExpression(e) || ts.isNewExpression(e)) && e.arguments) {
    const name = ts.isIdentifier(e.expression) ? e.expression.text : ts.isPropertyAccessExpression(e.expression) ? e.expression.name.text : "";
    if (/^(join|resolve)$/.test(name)) {
      const parts: string[] = [];
      for (const a of e.arguments) {
        const sub = new Set<string>();
        pathPieces(a, sub, depth + 1);
        if (ts.isStringLiteralLike(a) || sub.size === 1) parts.push(...sub);
      }
      if (parts.length) out.add(parts.join("/").replace(/^\/+(?=[\w.])/, ""));
    } else if (/^(URL|fileURLToPath|String)$/.test(name) && e.arguments[0]) pathPieces(e.arguments[0], out, depth + 1);
  } else if (ts.isIdentifier(e)) {
    const decl = declarationOf(e);
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer) pathPieces(decl.initializer, out, depth + 1);
  } else if (ts.isPropertyAccessExpression(e) && e.name.text === "pathname") pathPieces(e.expression, out, depth + 1);
}

/** The name a call is made by (`execa`, `cp.spawnSync`, `this.judge`). */
function calleeName(n: ts.CallExpression): string | undefined {
  const e = n.expression;
  return ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
}

/** What a call in a hand-written eval script scores: the arguments of a scoring call, the receiver of `out.includes(x)`. */
function scoredBy(n: ts.CallExpression): ts.Node[] {
  const name = calleeName(n);
  if (!name) return [];
  if (ts.isPropertyAccessExpression(n.expression) && SCORES_METHOD.test(name)) return [n.expression.expression, ...n.arguments];
  return SCORES.test(name) ? [...n.arguments] : [];
}

/**
 * The key a callback is registered under: the first string of the innermost call of its chain that
 * has one (`program.command("add").option("--dry").action(cb)` → `add`; `router.post("/x", cb)` → `/x`).
 */
function chainKey(n: ts.CallExpression | ts.NewExpression): string | undefined {
  let key: string | undefined;
  for (let c: ts.Expression = n; ; ) {
    if (ts.isCallExpression(c)) {
      const first = c.arguments[0];
      if (first && ts.isStringLiteralLike(first)) key = first.text;
      c = c.expression;
    } else if (ts.isPropertyAccessExpression(c)) c = c.expression;
    else return key;
  }
}

function collectNames(n: ts.BindingName, out: string[]): void {
  if (ts.isIdentifier(n)) out.push(n.text);
  else for (const el of n.elements) if (ts.isBindingElement(el)) collectNames(el.name, out);
}

/** The variable declaration a name refers to at a use. */
function declarationOf(id: ts.Identifier): ts.Node | undefined {
  const b = resolveName(id.text, id);
  return b?.kind === "var" ? b.decl : undefined;
}

function push<K>(m: Map<K, ts.Expression[]>, k: K, v: ts.Expression): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function rootIdentifier(e: ts.Expression): ts.Identifier | undefined {
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isCallExpression(e) || ts.isNonNullExpression(e) || ts.isParenthesizedExpression(e)) e = e.expression;
  return ts.isIdentifier(e) ? e : undefined;
}

function isReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (!p) return false;
  if ((ts.isPropertyAccessExpression(p) && p.name === id) || (ts.isPropertyAssignment(p) && p.name === id)) return false;
  if ((ts.isVariableDeclaration(p) || ts.isBindingElement(p) || ts.isParameter(p) || ts.isFunctionDeclaration(p)) && p.name === id) return false;
  return true;
}

/** The identifier is the callee's root (`chefRoutes.request(...)`): the call handles it. */
function isCallee(id: ts.Identifier): boolean {
  let x: ts.Node = id;
  while (x.parent && (ts.isPropertyAccessExpression(x.parent) || ts.isElementAccessExpression(x.parent)) && x.parent.expression === x) x = x.parent;
  return !!x.parent && (ts.isCallExpression(x.parent) || ts.isNewExpression(x.parent)) && x.parent.expression === x;
}

/** By finder: one per scan, renewed by an incremental update (session.ts) whose nodes are new. */
const cache = new WeakMap<SiteFinder, { key: string; sites: readonly DetectedSite[]; index: TestIndex }>();

/** The scan's test index (built on first use; rebuilt only if the eval globs change). */
export function testIndexOf(ws: Workspace, finder: SiteFinder, sites: readonly DetectedSite[], isTestFile: (rel: string) => boolean, evalGlobs: readonly string[]): TestIndex {
  const key = evalGlobs.join("\n");
  const hit = cache.get(finder);
  if (hit && hit.key === key && hit.sites === sites) return hit.index;
  const extra = evalGlobs.length ? picomatch([...evalGlobs], { dot: true }) : null;
  // The index serves every site of the scan: building it is no one file's time.
  const index = unbudgeted(() => new TestIndex(ws, finder, extra ? (rel) => isTestFile(rel) || extra(rel) : isTestFile, new Set(sites.map((s) => s.file.abs))));
  cache.set(finder, { key, sites, index });
  return index;
}
