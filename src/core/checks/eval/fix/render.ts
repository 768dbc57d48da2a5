/**
 * The text of the generated eval, per runner: one case that calls the entry function with sample
 * inputs and asserts on the shape of what it returns (never on the wording: the model's answer
 * varies). Test runners skip the case when the model's credentials are absent.
 */
import type { RunnerId } from "./data";
import type { Entry } from "./entry";
import type { Shape } from "./shapes";

/**
 * An argument: source text (declared first as `local` when it is long, so the call stays readable),
 * or a placeholder the user completes (a typed cast, `undefined` in JavaScript).
 */
export type Arg = { text: string; local?: string } | { placeholder: string; index: number; array: boolean };

export interface EvalSpec {
  runner: RunnerId;
  /** jest through its globals (`@types/jest`) rather than `@jest/globals` imports. */
  jestGlobals: boolean;
  /** TypeScript output (casts for placeholders). */
  typed: boolean;
  /** Module specifier of the entry's file from the new file. */
  specifier: string;
  entry: Entry;
  ctorArgs: Arg[];
  args: Arg[];
  result: Shape;
  /** Environment variables of which one must be set; `optIn` when the provider needs none. */
  env: { vars: string[]; optIn: boolean };
  /** The test's timeout, as written (`60_000`). */
  timeout: string;
  style: Style;
}

export interface Style {
  /** Quote for strings. */
  q: string;
  semi: boolean;
  indent: string;
  nl: string;
}

/** Names the generated file declares or imports; an entry with one of these names is imported under an alias. */
export const RESERVED = new Set(["assert", "test", "expect", "evalite", "createScorer", "result", "skip", "liveTest", "process"]);

const TODO_INPUT = "// TODO(llm-readiness): a real input";
const TODO_SHAPE = "// TODO(llm-readiness): assert on what your code needs from the result";

/** `s` as a string literal in the file's quotes. */
export function stringLiteral(s: string, q: string): string {
  const json = JSON.stringify(s);
  if (q === '"') return json;
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** Lines at an indentation level; joined with the file's indent unit and newline. */
type Line = [level: number, text: string];

export function renderEval(spec: EvalSpec): string {
  const { style: st } = spec;
  const s = (x: string) => stringLiteral(x, st.q);
  const end = st.semi ? ";" : "";
  const e = spec.entry;
  const lines: Line[] = [];
  const imports = importsOf(spec);
  for (const i of imports) lines.push([0, `${i}${end}`]);
  if (imports.length) lines.push([0, ""]);
  const env = spec.env;
  const needs = env.vars.join(" or ");
  const condition = env.vars.map((v) => `!process.env.${v}`).join(" && ");

  // The call: an instance for a method, placeholders first (each with its TODO), then the call itself.
  const setup: string[] = [];
  const instance = e.via.t === "instance" ? instanceName(e) : undefined;
  const placeholders = [...spec.ctorArgs.map((a) => ({ a, ctor: true })), ...spec.args.map((a) => ({ a, ctor: false }))];
  const evalite = spec.runner === "evalite";
  for (const { a, ctor } of placeholders) {
    if ("placeholder" in a) setup.push(TODO_INPUT, `const ${a.placeholder} = ${placeholderValue(spec, a, ctor)}${end}`);
    // evalite writes its inputs in the data rows.
    else if (a.local && !evalite) setup.push(`const ${a.local} = ${a.text}${end}`);
  }
  if (instance) setup.push(`const ${instance} = new ${e.local}(${spec.ctorArgs.map((a) => argText(a, evalite)).join(", ")})${end}`);
  const callee = e.via.t === "instance" ? `${instance}.${e.via.method}` : e.via.t === "member" ? `${e.local}.${e.via.member}` : e.local;

  if (evalite) {
    lines.push([0, "// Calls the model for real (run it with `evalite`). The scorer checks the answer's shape, not its wording."]);
    for (const l of setup) lines.push([0, l]);
    if (setup.length) lines.push([0, ""]);
    const [first, ...rest] = spec.args;
    const input = first ? argText(first, true) : "undefined";
    const call = `${callee}(${[first ? "input" : "", ...rest.map((a) => argText(a, true))].filter(Boolean).join(", ")})`;
    lines.push([0, `evalite(${s(e.label)}, {`]);
    lines.push([1, `data: async () => [{ input: ${input} }],`]);
    lines.push([1, `task: async (${first ? "input" : ""}) => ${call},`]);
    lines.push([1, "scorers: ["]);
    lines.push([2, "createScorer({"]);
    lines.push([3, `name: ${s(describe(spec.result))},`]);
    lines.push([3, `scorer: ({ output }) => (${scorerCondition(spec.result, s, spec.typed)} ? 1 : 0),`]);
    lines.push([2, "}),"]);
    lines.push([1, "],"]);
    lines.push([0, `})${end}`]);
    return join(lines, st);
  }

  lines.push([0, `// Calls the model for real: skipped ${env.optIn ? `unless you set ${needs}` : `without ${needs}`}.`]);
  lines.push([0, "// The module is imported in the test: SDK clients read their key when they are built."]);
  lines.push([0, "// Checks the shape of the answer, not its wording (the model's answers vary)."]);
  const name = s(`${e.label} returns ${describe(spec.result)}`);
  const body: Line[] = [[1, `${dynamicImport(spec)}${end}`]];
  for (const l of setup) body.push([1, l]);
  body.push([1, `const result = await ${callee}(${spec.args.map((a) => argText(a, false)).join(", ")})${end}`]);
  const assertNode = spec.runner === "node:test" || spec.runner === "mocha";
  for (const l of assertNode ? nodeAssertions(spec.result, s) : expectAssertions(spec.result, s, st.indent)) body.push([1, `${l}${/^\/\/|[,([{]$/.test(l) ? "" : end}`]);
  switch (spec.runner) {
    case "node:test":
      lines.push([0, `const skip = ${condition} && ${s(`needs ${needs}`)}${end}`]);
      lines.push([0, ""]);
      lines.push([0, `test(${name}, { skip }, async () => {`]);
      lines.push(...body);
      lines.push([0, `})${end}`]);
      break;
    case "mocha":
      lines.push([0, `const liveIt = ${env.vars.map((v) => `process.env.${v}`).join(" || ")} ? it : it.skip${end}`]);
      lines.push([0, ""]);
      lines.push([0, `liveIt(${name}, async () => {`]);
      lines.push(...body);
      lines.push([0, `}).timeout(${spec.timeout})${end}`]);
      break;
    case "bun:test":
    case "vitest":
      lines.push([0, `test.skipIf(${condition})(${name}, async () => {`]);
      lines.push(...body);
      lines.push([0, `}, ${spec.timeout})${end}`]);
      break;
    case "jest":
      lines.push([0, `const liveTest = ${env.vars.map((v) => `process.env.${v}`).join(" || ")} ? test : test.skip${end}`]);
      lines.push([0, ""]);
      lines.push([0, `liveTest(${name}, async () => {`]);
      lines.push(...body);
      lines.push([0, `}, ${spec.timeout})${end}`]);
      break;
  }
  return join(lines, st);
}

function join(lines: Line[], st: Style): string {
  return lines.map(([level, text]) => (text ? text.split("\n").map((t, i) => (i ? t : st.indent.repeat(level) + t)).join(st.nl) : "")).join(st.nl) + st.nl;
}

/**
 * The runner's imports. Tests import the function inside the case (`dynamicImport`): a module that
 * builds its SDK client on load (`new OpenAI()` throws without a key) must not load when the case
 * is skipped. evalite runs only on demand, so its eval imports it statically.
 */
function importsOf(spec: EvalSpec): string[] {
  const q = spec.style.q;
  const from = (m: string) => `from ${q}${m}${q}`;
  const e = spec.entry;
  switch (spec.runner) {
    case "node:test":
      return [`import assert ${from("node:assert/strict")}`, `import { test } ${from("node:test")}`];
    case "vitest":
      return [`import { expect, test } ${from("vitest")}`];
    case "bun:test":
      return [`import { expect, test } ${from("bun:test")}`];
    case "mocha":
      return [`import assert ${from("node:assert/strict")}`];
    case "jest":
      return spec.jestGlobals ? [] : [`import { expect, test } ${from("@jest/globals")}`];
    case "evalite": {
      const entry = e.exported === "default" ? `import ${e.local} ${from(spec.specifier)}` : `import { ${e.exported === e.local ? e.local : `${e.exported} as ${e.local}`} } ${from(spec.specifier)}`;
      return [`import { createScorer, evalite } ${from("evalite")}`, entry];
    }
  }
}

/** `const { summarize } = await import("../src/summarize")` (`default: name` for a default export). */
function dynamicImport(spec: EvalSpec): string {
  const e = spec.entry;
  const q = spec.style.q;
  const binding = e.exported === e.local ? e.local : `${/^[A-Za-z_$][\w$]*$/.test(e.exported) ? e.exported : stringLiteral(e.exported, q)}: ${e.local}`;
  return `const { ${binding} } = await import(${q}${spec.specifier}${q})`;
}

function instanceName(e: Entry): string {
  const n = e.local[0]!.toLowerCase() + e.local.slice(1);
  return n === e.local || RESERVED.has(n) ? `${n}Instance` : n;
}

function argText(a: Arg, inline: boolean): string {
  if ("placeholder" in a) return a.placeholder;
  return a.local && !inline ? a.local : a.text;
}

/** `{} as Parameters<typeof summarize>[0]`: compiles, and names the type the user has to fill in. */
function placeholderValue(spec: EvalSpec, a: Extract<Arg, { placeholder: string }>, ctor: boolean): string {
  if (!spec.typed) return "undefined";
  const e = spec.entry;
  const fnType = ctor
    ? `ConstructorParameters<typeof ${e.local}>`
    : `Parameters<${e.via.t === "instance" ? `InstanceType<typeof ${e.local}>[${stringLiteral(e.via.method, spec.style.q)}]` : `typeof ${e.via.t === "member" ? `${e.local}.${e.via.member}` : e.local}`}>`;
  return `${a.array ? "[]" : "{}"} as ${fnType}[${a.index}]`;
}

/** What the shape is, in words: test names and scorer names. */
export function describe(shape: Shape): string {
  switch (shape.t) {
    case "string":
      return "a non-empty string";
    case "literals":
      return `one of ${shape.values.map((v) => (shape.of === "string" ? (JSON.parse(v) as string) : v)).join(", ")}`;
    case "number":
      return "a number";
    case "boolean":
      return "a boolean";
    case "array":
      return "an array";
    case "object": {
      const req = shape.props.filter((p) => !p.optional).map((p) => p.name);
      if (!req.length) return "an object";
      return `{ ${req.length > 4 ? `${req.slice(0, 4).join(", ")}, ...` : req.join(", ")} }`;
    }
    default:
      return "a result";
  }
}

function access(base: string, name: string, optional: boolean): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `${base}${optional ? "?." : "."}${name}` : `${base}${optional ? "?." : ""}[${JSON.stringify(name)}]`;
}

function literalList(shape: Extract<Shape, { t: "literals" }>, s: (x: string) => string): string {
  return `[${shape.values.map((v) => (shape.of === "string" ? s(JSON.parse(v) as string) : v)).join(", ")}]`;
}

/** node:assert/strict lines (without the final semicolon); `assert.ok` narrows, so a nullable result is checked first. */
function nodeAssertions(shape: Shape, s: (x: string) => string): string[] {
  const out: string[] = [];
  const typeOf = (expr: string, sh: Shape, prop?: string): void => {
    switch (sh.t) {
      case "string":
      case "number":
      case "boolean":
        out.push(`assert.equal(typeof ${expr}, ${s(sh.t)})`);
        break;
      case "literals":
        out.push(sh.nullable ? `assert.ok(typeof ${expr} === ${s(sh.of)} && ${literalList(sh, s)}.includes(${expr}))` : `assert.ok(${literalList(sh, s)}.includes(${expr}))`);
        break;
      case "array":
        out.push(`assert.ok(Array.isArray(${expr}))`);
        break;
      case "object":
        out.push(`assert.equal(typeof ${expr}, ${s("object")})`);
        break;
      default:
        if (prop !== undefined) out.push(`assert.ok(${s(prop)} in result)`);
        else out.push(TODO_SHAPE, `assert.ok(${expr})`);
    }
  };
  if (shape.t === "object" && shape.props.some((p) => !p.optional)) {
    if (shape.nullable) out.push("assert.ok(result)");
    for (const p of shape.props) if (!p.optional) typeOf(access("result", p.name, false), p.shape, p.name);
  } else {
    typeOf("result", shape);
    if (shape.t === "string") out.push(`assert.notEqual(result${shape.nullable ? "?" : ""}.trim(), ${s("")})`);
  }
  return out;
}

/** vitest / jest `expect` lines (without the final semicolon). */
function expectAssertions(shape: Shape, s: (x: string) => string, indent: string): string[] {
  const matcher = (sh: Shape): string => {
    switch (sh.t) {
      case "string":
        return "expect.any(String)";
      case "number":
        return "expect.any(Number)";
      case "boolean":
        return "expect.any(Boolean)";
      case "array":
        return "expect.any(Array)";
      case "object":
        return "expect.any(Object)";
      default:
        return "expect.anything()";
    }
  };
  switch (shape.t) {
    case "string":
      return [`expect(result).toEqual(expect.any(String))`, `expect(result${shape.nullable ? "?" : ""}.trim()).not.toBe(${s("")})`];
    case "literals":
      return [`expect(${literalList(shape, s)}).toContain(result)`];
    case "number":
      return [`expect(result).toEqual(expect.any(Number))`];
    case "boolean":
      return [`expect(typeof result).toBe(${s("boolean")})`];
    case "array":
      return [`expect(Array.isArray(result)).toBe(true)`];
    case "object": {
      const req = shape.props.filter((p) => !p.optional);
      if (!req.length) return [`expect(result).toEqual(expect.any(Object))`];
      const key = (n: string) => (/^[A-Za-z_$][\w$]*$/.test(n) ? n : s(n));
      const plain = req.filter((p) => p.shape.t !== "literals");
      const out: string[] = [];
      if (plain.length) {
        const parts = plain.map((p) => `${key(p.name)}: ${matcher(p.shape)}`);
        const one = `expect(result).toMatchObject({ ${parts.join(", ")} })`;
        out.push(one.length <= 90 ? one : `expect(result).toMatchObject({\n${parts.map((p) => `${indent.repeat(2)}${p},`).join("\n")}\n${indent}})`);
      }
      for (const p of req) if (p.shape.t === "literals") out.push(`expect(${literalList(p.shape, s)}).toContain(${access("result", p.name, !!shape.nullable)})`);
      return out;
    }
    default:
      return [TODO_SHAPE, `expect(result).toBeTruthy()`];
  }
}

/** The evalite scorer's test on `output` (1 when it holds). */
function scorerCondition(shape: Shape, s: (x: string) => string, typed: boolean): string {
  switch (shape.t) {
    case "string":
      return `typeof output === ${s("string")} && output.trim() !== ${s("")}`;
    case "literals":
      return typed ? `(${literalList(shape, s)} as unknown[]).includes(output)` : `${literalList(shape, s)}.includes(output)`;
    case "number":
    case "boolean":
      return `typeof output === ${s(shape.t)}`;
    case "array":
      return "Array.isArray(output)";
    case "object": {
      const req = shape.props.filter((p) => !p.optional).map((p) => s(p.name));
      const base = `typeof output === ${s("object")} && output !== null`;
      return req.length ? `${base} && [${req.join(", ")}].every((key) => key in output)` : base;
    }
    default:
      return "Boolean(output)";
  }
}
