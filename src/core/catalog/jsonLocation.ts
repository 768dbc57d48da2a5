/** Maps a JSON path (as zod reports it) to a 1-based line in the JSON text, for `file:line: field` errors. */
import ts from "typescript";

export function lineOfJsonPath(text: string, path: readonly PropertyKey[]): number {
  const file = ts.parseJsonText("x.json", text);
  let node: ts.Node | undefined = file.statements[0]?.expression;
  let found: ts.Node | undefined = node;
  for (const key of path) {
    if (!node) break;
    let next: ts.Node | undefined;
    if (ts.isObjectLiteralExpression(node)) {
      const prop = node.properties.find(
        (p) => ts.isPropertyAssignment(p) && p.name && (ts.isStringLiteral(p.name) || ts.isIdentifier(p.name)) && p.name.text === String(key),
      ) as ts.PropertyAssignment | undefined;
      if (prop) { found = prop; next = prop.initializer; }
    } else if (ts.isArrayLiteralExpression(node) && typeof key === "number") {
      next = node.elements[key];
      if (next) found = next;
    }
    node = next;
  }
  const at = found ? found.getStart(file) : 0;
  return file.getLineAndCharacterOfPosition(at).line + 1;
}

/**
 * `file:line: field: message` lines for each zod issue. An unknown-keys issue (strict objects) becomes
 * one line per key, at the key's own line, rather than one at the object's.
 */
export function formatIssues(
  fileName: string,
  text: string,
  issues: readonly { path: PropertyKey[]; message: string; code?: string; keys?: readonly string[] }[],
): string[] {
  const expanded = issues.flatMap((i) =>
    i.code === "unrecognized_keys" && i.keys?.length ? i.keys.map((k) => ({ path: [...i.path, k], message: `Unrecognized key: "${k}"` })) : [i],
  );
  return expanded.map((i) => {
    const field = i.path.length ? i.path.map(String).join(".") : "(root)";
    return `${fileName}:${lineOfJsonPath(text, i.path)}: ${field}: ${i.message}`;
  });
}
