/** Several properties added to one object literal in one edit (two inserts at the same offset would not keep their order). */
import ts from "typescript";
import type { TextEdit } from "../types";
import { addProperty, type EditTarget } from "./objects";
import { indentAt, indentUnit } from "./text";

/** Adds `props` (`key: value` each) as the object's last properties, one a line in a multi-line object. */
export function addProperties(t: EditTarget, obj: ts.ObjectLiteralExpression, props: readonly string[]): TextEdit {
  const text = t.sf.text;
  const open = obj.getStart(t.sf);
  const multiLine = text.slice(open, obj.getEnd()).includes("\n");
  if (!multiLine) return addProperty(t, obj, props.join(", "));
  const last = obj.properties[obj.properties.length - 1];
  const indent = last ? indentAt(text, last.getStart(t.sf)) : indentAt(text, open) + indentUnit(text);
  const nl = text.includes("\r\n") ? "\r\n" : "\n";
  return addProperty(t, obj, props.join(`,${nl}${indent}`));
}
