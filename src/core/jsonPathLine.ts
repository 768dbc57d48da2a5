/**
 * The line of a JSON path in valid JSON text, without TypeScript's JSON parser (catalog/jsonLocation.ts uses
 * it): the baseline is also read in the extension host, whose bundle carries no TypeScript.
 */

/** 1-based line where the value at `path` starts (its key's line for an object member); the nearest found parent's otherwise. */
export function jsonPathLine(text: string, path: readonly PropertyKey[]): number {
  let i = 0;
  let line = 1;
  const n = text.length;
  const ws = () => {
    while (i < n && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) if (text[i++] === "\n") line++;
  };
  const readString = (): string => {
    const start = i++;
    while (i < n && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return text.slice(start + 1, i - 1);
    }
  };
  const skipValue = () => {
    ws();
    let depth = 0;
    while (i < n) {
      const c = text[i];
      if (c === '"') readString();
      else if (c === "{" || c === "[") depth++, i++;
      else if (c === "}" || c === "]") {
        if (depth === 0) return;
        depth--, i++;
        if (depth === 0) return;
      } else if (c === "," && depth === 0) return;
      else if (c === "\n") line++, i++;
      else i++;
    }
  };
  const walk = (depth: number): number => {
    ws();
    const here = line;
    if (depth === path.length) return here;
    if (text[i] === "{") {
      i++;
      while (i < n) {
        ws();
        if (text[i] === "}") return here;
        const keyLine = line;
        const key = readString();
        ws();
        i++; // the colon
        if (key === String(path[depth])) return depth + 1 === path.length ? keyLine : walk(depth + 1);
        skipValue();
        ws();
        if (text[i] === ",") i++;
      }
    } else if (text[i] === "[") {
      i++;
      for (let index = 0; i < n; index++) {
        ws();
        if (text[i] === "]") return here;
        if (index === Number(path[depth])) return walk(depth + 1);
        skipValue();
        ws();
        if (text[i] === ",") i++;
      }
    }
    return here;
  };
  return walk(0);
}
