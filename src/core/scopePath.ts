/** The path of named scopes around a call (`ChatService.reply`, `app.post("/api/chat")`): part of a finding's identity (./fingerprint.ts). */
import ts from "typescript";

/** The first string literal argument of a call, as a label for a callback passed to it (`app.post("/chat", ...)`). */
function callLabel(call: ts.CallExpression, sf: ts.SourceFile): string {
  const callee = call.expression.getText(sf).replace(/\s+/g, "");
  const str = call.arguments.find((a) => ts.isStringLiteralLike(a));
  return `${callee}(${str ? JSON.stringify((str as ts.StringLiteralLike).text) : ""})`;
}

function nameOf(name: ts.PropertyName | ts.BindingName | ts.Expression | undefined, sf: ts.SourceFile): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) return name.text;
  return name.getText(sf).replace(/\s+/g, "");
}

const isFunctionLike = (n: ts.Node): n is ts.FunctionLikeDeclaration =>
  ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n) || ts.isConstructorDeclaration(n) || ts.isGetAccessorDeclaration(n) || ts.isSetAccessorDeclaration(n);

/**
 * The names of the scopes around a call, outermost first: functions, methods, classes, namespaces, and for
 * anonymous functions and classes the name they are bound to (a variable, a property, an assignment, an
 * export default) or the call they are passed to. Names of values inside a function (the variable holding the
 * response) are not scopes: only a binding that holds a function, class or object of them counts.
 */
export function scopePath(node: ts.Node, sf: ts.SourceFile = node.getSourceFile()): string[] {
  const out: string[] = [];
  // Set while an anonymous function or class (or an object literal holding a named one) waits for the name it is bound to.
  let pending = false;
  let child: ts.Node = node;
  for (let n: ts.Node | undefined = node.parent; n && !ts.isSourceFile(n); child = n, n = n.parent) {
    if (isFunctionLike(n)) {
      if (pending) out.push("<anonymous>");
      const own = ts.isConstructorDeclaration(n) ? "constructor" : ts.isArrowFunction(n) ? undefined : (nameOf(n.name, sf) ?? defaultName(n));
      if (own) out.push(own);
      // A method of an object literal: the object's binding names it too.
      pending = own === undefined || ts.isObjectLiteralExpression(n.parent);
    } else if (ts.isClassLike(n)) {
      if (pending) out.push("<anonymous>");
      const own = nameOf(n.name, sf) ?? defaultName(n);
      if (own) out.push(own);
      pending = own === undefined;
    } else if (ts.isModuleDeclaration(n)) {
      if (pending) out.push("<anonymous>");
      out.push(nameOf(n.name, sf) ?? "<namespace>");
      pending = false;
    } else if (!pending) {
      continue;
    } else if (ts.isVariableDeclaration(n) || ts.isPropertyDeclaration(n) || ts.isPropertyAssignment(n) || ts.isShorthandPropertyAssignment(n)) {
      // The initializer, not the name, must be what we came from.
      if (child === n.name) continue;
      out.push(nameOf(n.name, sf) ?? "<anonymous>");
      pending = ts.isPropertyAssignment(n) && ts.isObjectLiteralExpression(n.parent);
    } else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && child === n.right) {
      out.push(n.left.getText(sf).replace(/\s+/g, ""));
      pending = false;
    } else if (ts.isExportAssignment(n)) {
      out.push("default");
      pending = false;
    } else if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && n.arguments?.some((a) => a === child)) {
      out.push(ts.isCallExpression(n) ? callLabel(n, sf) : `new ${n.expression.getText(sf).replace(/\s+/g, "")}()`);
      pending = false;
    } else if (ts.isBlock(n) || ts.isExpressionStatement(n) || ts.isReturnStatement(n)) {
      out.push("<anonymous>");
      pending = false;
    }
  }
  if (pending) out.push("<anonymous>");
  return out.reverse();
}

/** `export default function () {}` and `export default class {}` are known as `default`. */
function defaultName(n: ts.Node): string | undefined {
  const mods = ts.canHaveModifiers(n) ? ts.getModifiers(n) : undefined;
  return mods?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) ? "default" : undefined;
}

/** The readable scope of a site: `ChatService.reply`, or `<module>` for top-level code. */
export function scopeOf(call: ts.Node, sf?: ts.SourceFile): string {
  const path = scopePath(call, sf);
  return path.length ? path.join(".") : "<module>";
}
