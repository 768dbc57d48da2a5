/**
 * The shape of a model's answer as the code expects it (from declared types and from how the value
 * is used), and its zod source text. A shape knows whether it comes from declared types only
 * (`declared`: the schema says what the code already claims) and where it could not be told.
 */

export type Shape = ShapeKind & {
  optional?: boolean;
  nullable?: boolean;
  /** From a declared type (an annotation, a cast, an interface), not guessed from use. */
  declared?: boolean;
};

export type ShapeKind =
  /** Nothing is known and nothing needs a type (a template literal, a condition): `z.unknown()`. */
  | { k: "unknown" }
  /** The value goes where its type matters but the type cannot be told: `z.any()` keeps the code compiling. */
  | { k: "any" }
  | { k: "string" }
  | { k: "number" }
  | { k: "boolean" }
  | { k: "null" }
  | { k: "literal"; value: string | number | boolean }
  | { k: "enum"; values: string[] }
  | { k: "array"; of: Shape }
  | { k: "tuple"; of: Shape[] }
  | { k: "record"; of: Shape }
  /** `open`: the object is used whole (returned, spread, stored): keys the code does not name are kept. */
  | { k: "object"; props: Map<string, Shape>; open: boolean }
  | { k: "union"; of: Shape[] }
  /** An existing schema of the file (`type X = z.infer<typeof XSchema>`). */
  | { k: "ref"; name: string };

export const UNKNOWN: Shape = { k: "unknown" };
export const ANY: Shape = { k: "any" };

const LEAF_RANK: Record<string, number> = { unknown: 0, any: 1 };

/** Two views of one value, combined: what is known wins over what is not; objects and arrays merge part by part. */
export function merge(a: Shape, b: Shape): Shape {
  const mods = { ...(a.optional || b.optional ? { optional: true } : {}), ...(a.nullable || b.nullable ? { nullable: true } : {}) };
  // A declared type is what the compiler already holds the code to: it wins over guesses.
  if (a.declared && !b.declared) return a;
  if (b.declared && !a.declared) return b;
  const ra = LEAF_RANK[a.k];
  const rb = LEAF_RANK[b.k];
  if (ra !== undefined || rb !== undefined) {
    if (ra === undefined) return { ...a, ...mods };
    if (rb === undefined) return { ...b, ...mods };
    return { ...(ra >= rb ? a : b), ...mods };
  }
  if (a.k === "object" && b.k === "object") {
    const props = new Map(a.props);
    for (const [key, s] of b.props) props.set(key, props.has(key) ? merge(props.get(key)!, s) : s);
    return { k: "object", props, open: a.open || b.open, ...mods, ...(a.declared && b.declared ? { declared: true } : {}) };
  }
  if (a.k === "array" && b.k === "array") return { k: "array", of: merge(a.of, b.of), ...mods, ...(a.declared && b.declared ? { declared: true } : {}) };
  if (a.k === b.k) return { ...a, ...mods };
  // `"a" === x` and `x.trim()`: the literal says less than the method.
  if (a.k === "literal" && typeof a.value === b.k) return { ...b, ...mods };
  if (b.k === "literal" && typeof b.value === a.k) return { ...a, ...mods };
  // Used as two different things: nobody can tell which is right.
  return { ...ANY, ...mods };
}

/** Whether a shape and every part of it come from declared types. */
export function isDeclared(s: Shape): boolean {
  if (!s.declared) return false;
  switch (s.k) {
    case "array":
    case "record":
      return isDeclared(s.of);
    case "tuple":
    case "union":
      return s.of.every(isDeclared);
    case "object":
      return [...s.props.values()].every(isDeclared);
    default:
      return true;
  }
}

/** Paths (`themes[].title`) whose type could not be told (`z.unknown()` or `z.any()`). */
export function untyped(s: Shape, path = ""): string[] {
  switch (s.k) {
    case "unknown":
    case "any":
      return [path || "(the answer)"];
    case "array":
    case "record":
      return untyped(s.of, `${path}[]`);
    case "tuple":
    case "union":
      return s.of.flatMap((x, i) => untyped(x, `${path}[${i}]`));
    case "object":
      return [...s.props].flatMap(([k, v]) => untyped(v, path ? `${path}.${k}` : k));
    default:
      return [];
  }
}

/**
 * Whether a schema fits providers' strict structured outputs (OpenAI `strict: true`): every part
 * typed, closed objects, no optional keys, an object at the root.
 */
export function isStrict(s: Shape, root = true): boolean {
  if (root && s.k !== "object") return false;
  if (s.optional) return false;
  switch (s.k) {
    case "unknown":
    case "any":
    case "record":
    case "ref":
      return false;
    case "array":
      return isStrict(s.of, false);
    case "tuple":
    case "union":
      return s.of.every((x) => isStrict(x, false));
    case "object":
      return !s.open && s.props.size > 0 && [...s.props.values()].every((x) => isStrict(x, false));
    default:
      return true;
  }
}

export interface ZodStyle {
  /** The local name of zod's namespace (`z`, or the file's alias). */
  z: string;
  /** zod's major version: v3 writes loose objects as `.passthrough()`. */
  major: 3 | 4;
  /** The file's string quote. */
  quote: string;
}

const WIDTH = 100;

/** The zod source text of a shape, one line when it fits `WIDTH` from `column`, else objects one key a line. */
export function zodText(s: Shape, style: ZodStyle, column = 0, indent = "", unit = "  "): string {
  const flat = print(s, style, undefined);
  if (column + flat.length <= WIDTH) return flat;
  return print(s, style, { indent, unit, column });
}

interface Layout {
  indent: string;
  unit: string;
  column: number;
}

function print(s: Shape, st: ZodStyle, layout: Layout | undefined): string {
  const z = st.z;
  let out: string;
  switch (s.k) {
    case "unknown":
      out = `${z}.unknown()`;
      break;
    case "any":
      out = `${z}.any()`;
      break;
    case "string":
    case "number":
    case "boolean":
    case "null":
      out = `${z}.${s.k}()`;
      break;
    case "literal":
      out = `${z}.literal(${typeof s.value === "string" ? str(s.value, st.quote) : String(s.value)})`;
      break;
    case "enum":
      out = `${z}.enum([${s.values.map((v) => str(v, st.quote)).join(", ")}])`;
      break;
    case "array":
      out = `${z}.array(${print(s.of, st, layout)})`;
      break;
    case "tuple":
      out = `${z}.tuple([${s.of.map((x) => print(x, st, layout)).join(", ")}])`;
      break;
    case "record":
      out = `${z}.record(${z}.string(), ${print(s.of, st, layout)})`;
      break;
    case "union":
      out = `${z}.union([${s.of.map((x) => print(x, st, layout)).join(", ")}])`;
      break;
    case "ref":
      out = s.name;
      break;
    case "object": {
      const fn = s.open && st.major === 4 ? "looseObject" : "object";
      const tail = s.open && st.major === 3 ? ".passthrough()" : "";
      const entries = [...s.props].map(([k, v]) => [key(k, st.quote), v] as const);
      if (!entries.length) {
        out = `${z}.${fn}({})${tail}`;
        break;
      }
      const flat = `${z}.${fn}({ ${entries.map(([k, v]) => `${k}: ${print(v, st, undefined)}`).join(", ")} })${tail}`;
      if (!layout || layout.column + flat.length <= WIDTH) {
        out = flat;
        break;
      }
      const inner = layout.indent + layout.unit;
      const lines = entries.map(([k, v]) => `${inner}${k}: ${print(v, st, { ...layout, indent: inner, column: inner.length + k.length + 2 })},`);
      out = `${z}.${fn}({\n${lines.join("\n")}\n${layout.indent}})${tail}`;
      break;
    }
  }
  if (s.nullable) out += ".nullable()";
  if (s.optional) out += ".optional()";
  return out;
}

function key(k: string, quote: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(k) ? k : str(k, quote);
}

/** A string literal in the file's quotes. */
export function str(s: string, quote: string): string {
  const json = JSON.stringify(s);
  if (quote !== "'") return json;
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** Whether some part is untyped or an object open to other keys (a JSON schema a provider may refuse or leave loose). */
export function hasOpenOrUntyped(s: Shape): boolean {
  if (untyped(s).length) return true;
  const open = (x: Shape): boolean => {
    if (x.k === "object") return x.open || [...x.props.values()].some(open);
    if (x.k === "array" || x.k === "record") return open(x.of);
    if (x.k === "tuple" || x.k === "union") return x.of.some(open);
    return false;
  };
  return open(s);
}
