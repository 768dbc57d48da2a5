/**
 * Edits of object literals and argument lists that keep the user's layout: a property joins a
 * one-line object on its line and a multi-line object on a line of its own, at its indentation.
 */
import ts from "typescript";
import type { TextEdit } from "../types";
import { indentAt, indentUnit, newlineOf } from "./text";
import { propName } from "../../callSites/values";

export interface EditTarget {
  sf: ts.SourceFile;
  /** The file, relative to the root. */
  file: string;
}

/** Strips parentheses, `as`, `satisfies` and `!` around an expression. */
export function bare(e: ts.Expression): ts.Expression {
  for (;;) {
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
    else return e;
  }
}

/** The property of a literal named `key` (a shorthand counts). */
export function propertyOf(obj: ts.ObjectLiteralExpression, key: string): ts.ObjectLiteralElementLike | undefined {
  return obj.properties.find((p) => p.name !== undefined && propName(p.name) === key);
}

/** Inserts `propText` (`key: value`) as the object's last property. */
export function addProperty(t: EditTarget, obj: ts.ObjectLiteralExpression, propText: string): TextEdit {
  const text = t.sf.text;
  const open = obj.getStart(t.sf);
  const close = obj.getEnd() - 1;
  const props = obj.properties;
  const multiLine = text.slice(open, close).includes("\n");
  if (!props.length) {
    if (!multiLine) return { file: t.file, start: open + 1, end: close, newText: ` ${propText} ` };
    const indent = indentAt(text, open) + indentUnit(text);
    const nl = newlineOf(text);
    return { file: t.file, start: open + 1, end: close, newText: `${nl}${indent}${propText},${nl}${indentAt(text, close)}` };
  }
  const last = props[props.length - 1]!;
  const afterLast = last.getEnd();
  const trailingComma = props.hasTrailingComma;
  if (!multiLine) {
    return { file: t.file, start: afterLast, end: afterLast, newText: `, ${propText}` };
  }
  const indent = indentAt(text, last.getStart(t.sf));
  const nl = newlineOf(text);
  // After the last property's comma when it has one, so the new one gets a comma too (the file's style).
  const at = trailingComma ? text.indexOf(",", afterLast) + 1 : afterLast;
  return { file: t.file, start: at, end: at, newText: `${trailingComma ? "" : ","}${nl}${indent}${propText}${trailingComma ? "," : ""}` };
}

/**
 * Sets `path` (`["config", "httpOptions", "timeout"]`) to `value` inside an object literal: an
 * existing value is replaced, missing levels are created, and a level that is not a literal
 * (`config: base`) becomes `{ ...base, httpOptions: ... }`.
 */
export function setPath(t: EditTarget, obj: ts.ObjectLiteralExpression, path: readonly string[], value: string): TextEdit {
  const [key, ...rest] = path;
  const prop = propertyOf(obj, key!);
  if (!prop) return addProperty(t, obj, `${key}: ${nested(rest, value)}`);
  if (!ts.isPropertyAssignment(prop)) {
    // A shorthand `{ config }` or a method: keep it, spread into the new level.
    const name = ts.isShorthandPropertyAssignment(prop) ? prop.name.text : undefined;
    if (!name || !rest.length) return replaceNode(t, prop, `${key}: ${value}`);
    return replaceNode(t, prop, `${key}: { ...${name}, ${rest[0]}: ${nested(rest.slice(1), value)} }`);
  }
  if (!rest.length) return replaceNode(t, prop.initializer, value);
  const inner = bare(prop.initializer);
  if (ts.isObjectLiteralExpression(inner)) return setPath(t, inner, rest, value);
  return replaceNode(t, prop.initializer, `{ ...${prop.initializer.getText(t.sf)}, ${rest[0]}: ${nested(rest.slice(1), value)} }`);
}

function nested(path: readonly string[], value: string): string {
  return path.reduceRight((acc, k) => `{ ${k}: ${acc} }`, value);
}

export function replaceNode(t: EditTarget, node: ts.Node, newText: string): TextEdit {
  return { file: t.file, start: node.getStart(t.sf), end: node.getEnd(), newText };
}

/**
 * Sets an option in the `index`th argument of a call: into the literal when it is one, as a spread
 * when it is an expression (`{ ...opts, timeout: 30_000 }`), as a new argument when absent
 * (earlier missing arguments become `undefined`).
 */
export function setArgumentOption(t: EditTarget, call: ts.CallExpression | ts.NewExpression, index: number, path: readonly string[], value: string): TextEdit {
  const args = call.arguments ?? ts.factory.createNodeArray<ts.Expression>();
  const arg = args[index];
  if (arg) {
    const inner = bare(arg);
    if (ts.isObjectLiteralExpression(inner)) return setPath(t, inner, path, value);
    return replaceNode(t, arg, `{ ...${arg.getText(t.sf)}, ${path[0]}: ${nested(path.slice(1), value)} }`);
  }
  const fill = Array.from({ length: index - args.length }, () => "undefined");
  const newArg = [...fill, `{ ${path[0]}: ${nested(path.slice(1), value)} }`].join(", ");
  if (!args.length) {
    if (!call.arguments) {
      // `new OpenAI` without parentheses.
      return { file: t.file, start: call.getEnd(), end: call.getEnd(), newText: `(${newArg})` };
    }
    const open = call.getSourceFile().text.indexOf("(", (call.typeArguments?.end ?? call.expression.getEnd()));
    return { file: t.file, start: open + 1, end: open + 1, newText: newArg };
  }
  const last = args[args.length - 1]!;
  const text = t.sf.text;
  const multiLine = text.slice(call.expression.getEnd(), call.getEnd()).includes("\n") && text.slice(last.getEnd(), call.getEnd()).includes("\n");
  if (multiLine) {
    const indent = indentAt(text, last.getStart(t.sf));
    const at = args.hasTrailingComma ? text.indexOf(",", last.getEnd()) + 1 : last.getEnd();
    return { file: t.file, start: at, end: at, newText: `${args.hasTrailingComma ? "" : ","}${newlineOf(text)}${indent}${newArg}${args.hasTrailingComma ? "," : ""}` };
  }
  return { file: t.file, start: last.getEnd(), end: last.getEnd(), newText: `, ${newArg}` };
}
