/** Lexical name resolution on a parsed file: which declaration an identifier refers to (no type checker). */
import ts from "typescript";

/** What a name is bound to in its scope. `path` follows destructuring (`const { a: { b } } = x` → ["a", "b"]). */
export type Binding =
  | { kind: "var"; decl: ts.VariableDeclaration; path: string[] }
  | { kind: "param"; decl: ts.ParameterDeclaration; path: string[] }
  | { kind: "function"; node: ts.FunctionDeclaration | ts.FunctionExpression }
  | { kind: "class"; node: ts.ClassDeclaration | ts.ClassExpression }
  | { kind: "interface"; node: ts.InterfaceDeclaration }
  | { kind: "import"; spec: string; name: string; node: ts.Node }
  | { kind: "other"; node: ts.Node };

const scopeCache = new WeakMap<ts.Node, Map<string, Binding>>();

function isScope(n: ts.Node): boolean {
  return (
    ts.isSourceFile(n) ||
    ts.isBlock(n) ||
    ts.isModuleBlock(n) ||
    ts.isCaseBlock(n) ||
    ts.isFunctionLike(n) ||
    ts.isForStatement(n) ||
    ts.isForOfStatement(n) ||
    ts.isForInStatement(n) ||
    ts.isCatchClause(n) ||
    ts.isClassExpression(n)
  );
}

function addBindingNames(
  name: ts.BindingName,
  path: string[],
  add: (id: ts.Identifier, path: string[]) => void,
): void {
  if (ts.isIdentifier(name)) return add(name, path);
  if (ts.isObjectBindingPattern(name)) {
    for (const el of name.elements) {
      if (el.dotDotDotToken) continue;
      const key = el.propertyName
        ? ts.isIdentifier(el.propertyName) || ts.isStringLiteral(el.propertyName)
          ? el.propertyName.text
          : undefined
        : ts.isIdentifier(el.name)
          ? el.name.text
          : undefined;
      if (key === undefined) continue;
      addBindingNames(el.name, [...path, key], add);
    }
  } else {
    name.elements.forEach((el, i) => {
      if (ts.isBindingElement(el) && !el.dotDotDotToken) addBindingNames(el.name, [...path, String(i)], add);
    });
  }
}

function declareStatement(st: ts.Node, map: Map<string, Binding>): void {
  if (ts.isVariableStatement(st)) {
    for (const d of st.declarationList.declarations) {
      addBindingNames(d.name, [], (id, path) => map.set(id.text, { kind: "var", decl: d, path }));
    }
  } else if (ts.isFunctionDeclaration(st) && st.name) {
    // Overloads have no body; keep the implementation.
    if (st.body || !map.has(st.name.text)) map.set(st.name.text, { kind: "function", node: st });
  } else if (ts.isClassDeclaration(st) && st.name) {
    map.set(st.name.text, { kind: "class", node: st });
  } else if (ts.isInterfaceDeclaration(st)) {
    // Types live beside values of the same name (`const X = z.object(...); type X = z.infer<typeof X>`): the value wins.
    if (!map.has(st.name.text)) map.set(st.name.text, { kind: "interface", node: st });
  } else if (ts.isTypeAliasDeclaration(st)) {
    if (!map.has(st.name.text)) map.set(st.name.text, { kind: "other", node: st });
  } else if ((ts.isEnumDeclaration(st) || ts.isModuleDeclaration(st)) && ts.isIdentifier(st.name)) {
    map.set(st.name.text, { kind: "other", node: st });
  } else if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
    const spec = st.moduleSpecifier.text;
    const clause = st.importClause;
    if (!clause) return;
    if (clause.name) map.set(clause.name.text, { kind: "import", spec, name: "default", node: clause });
    const nb = clause.namedBindings;
    if (nb && ts.isNamespaceImport(nb)) map.set(nb.name.text, { kind: "import", spec, name: "*", node: nb });
    else if (nb) {
      for (const el of nb.elements) {
        map.set(el.name.text, { kind: "import", spec, name: (el.propertyName ?? el.name).text, node: el });
      }
    }
  } else if (ts.isImportEqualsDeclaration(st) && ts.isExternalModuleReference(st.moduleReference)) {
    const e = st.moduleReference.expression;
    if (ts.isStringLiteral(e)) map.set(st.name.text, { kind: "import", spec: e.text, name: "*", node: st });
  }
}

function bindingsOf(scope: ts.Node): Map<string, Binding> {
  let map = scopeCache.get(scope);
  if (map) return map;
  map = new Map();
  const m = map;
  if (ts.isSourceFile(scope) || ts.isBlock(scope) || ts.isModuleBlock(scope)) {
    for (const st of scope.statements) declareStatement(st, m);
    // `var` in nested blocks is function-scoped; good enough to find them from the enclosing block too.
  } else if (ts.isCaseBlock(scope)) {
    for (const c of scope.clauses) for (const st of c.statements) declareStatement(st, m);
  } else if (ts.isFunctionLike(scope)) {
    for (const p of scope.parameters) addBindingNames(p.name, [], (id, path) => m.set(id.text, { kind: "param", decl: p, path }));
    if (ts.isFunctionExpression(scope) && scope.name) m.set(scope.name.text, { kind: "function", node: scope });
    const body = (scope as ts.FunctionLikeDeclaration).body;
    if (body && ts.isBlock(body)) for (const [k, v] of bindingsOf(body)) if (!m.has(k)) m.set(k, v);
  } else if (ts.isForStatement(scope) || ts.isForOfStatement(scope) || ts.isForInStatement(scope)) {
    const init = scope.initializer;
    if (init && ts.isVariableDeclarationList(init)) {
      for (const d of init.declarations) addBindingNames(d.name, [], (id, path) => m.set(id.text, { kind: "var", decl: d, path }));
    }
  } else if (ts.isCatchClause(scope) && scope.variableDeclaration) {
    addBindingNames(scope.variableDeclaration.name, [], (id) => m.set(id.text, { kind: "other", node: scope }));
  } else if (ts.isClassExpression(scope) && scope.name) {
    m.set(scope.name.text, { kind: "class", node: scope });
  }
  scopeCache.set(scope, m);
  return m;
}

/** The binding `name` has at `at`, searching enclosing scopes outwards; undefined for globals. */
export function resolveName(name: string, at: ts.Node): Binding | undefined {
  for (let n: ts.Node | undefined = at; n; n = n.parent) {
    if (!isScope(n)) continue;
    // A function body Block is merged into its function's scope above; skip duplicate work.
    if (ts.isBlock(n) && n.parent && ts.isFunctionLike(n.parent)) continue;
    const b = bindingsOf(n).get(name);
    if (b) return b;
  }
  return undefined;
}

/** Top-level declarations of a file by name (for export lookups). */
export function topLevel(sf: ts.SourceFile): Map<string, Binding> {
  return bindingsOf(sf);
}

/** The nearest enclosing class of a node (for `this`), skipping arrow functions but not other functions. */
export function enclosingClass(n: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let p: ts.Node | undefined = n.parent; p; p = p.parent) {
    if (ts.isClassLike(p)) return p;
    if (ts.isFunctionDeclaration(p) || ts.isFunctionExpression(p)) return undefined;
  }
  return undefined;
}

/** The nearest enclosing function-like node with a body (the call's "enclosing function"). */
export function enclosingFunction(n: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let p: ts.Node | undefined = n.parent; p; p = p.parent) {
    if (ts.isFunctionLike(p) && (p as ts.FunctionLikeDeclaration).body) return p as ts.FunctionLikeDeclaration;
  }
  return undefined;
}
