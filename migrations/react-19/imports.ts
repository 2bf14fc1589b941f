// Import helpers the react-19 transforms share: which local names a module's imports bind (named,
// default, namespace), adding a named import to a module (into its existing named import when
// there is one), and dropping specifiers nothing reads any more.

import type { API, ASTPath, Collection, JSCodeshift } from 'jscodeshift';

/** Loose view of a parsed node: shapes are checked here, ast-types' unions are too narrow. */
export type AnyNode = { type: string; [key: string]: any };

export const lineOf = (node: AnyNode | null | undefined): number | undefined => node?.loc?.start?.line;

/** `api.report` as codemigrate gives it (not in @types/jscodeshift's API). */
export function reporter(api: API): (node: AnyNode | undefined, message: string) => void {
  const report = (api as unknown as { report?: (leftover: unknown) => void }).report;
  return (node, message) => {
    const line = lineOf(node);
    report?.(line === undefined ? { message } : { line, message });
  };
}

export function importsFrom(j: JSCodeshift, root: Collection, source: string): ASTPath<AnyNode>[] {
  return root
    .find(j.ImportDeclaration)
    .filter((path) => (path.node.source as AnyNode).value === source)
    .paths() as ASTPath<AnyNode>[];
}

/** Local name → imported name of the named imports from `source` (type-only imports left out). */
export function namedImports(j: JSCodeshift, root: Collection, source: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const path of importsFrom(j, root, source)) {
    if (path.node.importKind === 'type') continue;
    for (const specifier of (path.node.specifiers ?? []) as AnyNode[]) {
      if (specifier.type === 'ImportSpecifier' && specifier.importKind !== 'type') names.set(specifier.local?.name ?? specifier.imported.name, specifier.imported.name);
    }
  }
  return names;
}

/** Local names of `import X from source` and `import * as X from source`. */
export function objectImports(j: JSCodeshift, root: Collection, source: string): string[] {
  const names: string[] = [];
  for (const path of importsFrom(j, root, source)) {
    for (const specifier of (path.node.specifiers ?? []) as AnyNode[]) {
      if (specifier.type === 'ImportDefaultSpecifier' || specifier.type === 'ImportNamespaceSpecifier') names.push(specifier.local.name);
    }
  }
  return names;
}

/** True when some identifier other than import specifiers reads `name`. */
export function isUsed(j: JSCodeshift, root: Collection, name: string): boolean {
  return (
    root
      .find(j.Identifier, { name })
      .filter((path) => {
        const parent = path.parent?.node as AnyNode;
        if (parent.type === 'ImportSpecifier' || parent.type === 'ImportDefaultSpecifier' || parent.type === 'ImportNamespaceSpecifier') return false;
        if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === path.node && !parent.computed) return false;
        if ((parent.type === 'ObjectProperty' || parent.type === 'Property' || parent.type === 'ClassProperty' || parent.type === 'ClassMethod') && parent.key === path.node && !parent.computed && !parent.shorthand) return false;
        return true;
      })
      .size() > 0 || root.find(j.JSXIdentifier, { name }).size() > 0
  );
}

/** Removes the named specifiers of `source` whose local is unused, and a declaration left empty. */
export function dropUnused(j: JSCodeshift, root: Collection, source: string, imported: readonly string[], keepOne = false): AnyNode | undefined {
  return removeSpecifiers(j, root, source, (s) => s.type === 'ImportSpecifier' && imported.includes(s.imported.name) && !isUsed(j, root, s.local?.name ?? s.imported.name), keepOne);
}

/**
 * Adds `import { name } from source` unless a value import of `name` from there exists: into the
 * first named import from `source`; else in place of an import declaration the caller is about to
 * drop (`reuse`: it keeps its line and comments); else as a new declaration after the last import.
 */
export function addNamedImport(j: JSCodeshift, root: Collection, source: string, name: string, reuse?: AnyNode): void {
  if ([...namedImports(j, root, source)].some(([local, imported]) => local === name && imported === name)) return;
  // `import * as X` cannot take named specifiers beside it; `import X, { … }` can.
  const existing = importsFrom(j, root, source).find(
    (path) => path.node.importKind !== 'type' && (path.node.specifiers ?? []).length > 0 && ((path.node.specifiers ?? []) as AnyNode[]).every((s) => s.type !== 'ImportNamespaceSpecifier'),
  );
  if (existing) {
    existing.node.specifiers.push(j.importSpecifier(j.identifier(name)));
    return;
  }
  if (reuse) {
    reuse.source = j.stringLiteral(source);
    reuse.specifiers = [j.importSpecifier(j.identifier(name))];
    reuse.importKind = 'value';
    return;
  }
  const declaration = j.importDeclaration([j.importSpecifier(j.identifier(name))], j.stringLiteral(source));
  const imports = root.find(j.ImportDeclaration);
  if (imports.size() > 0) imports.at(imports.size() - 1).insertAfter(declaration);
  else (root.get().node.program.body as AnyNode[]).unshift(declaration);
}

/**
 * Removes the specifiers of `source`'s imports that `drop` picks; a declaration left empty is
 * removed, or returned (the first one) when `keepOne` so the caller can reuse it.
 */
export function removeSpecifiers(j: JSCodeshift, root: Collection, source: string, drop: (specifier: AnyNode) => boolean, keepOne = false): AnyNode | undefined {
  let kept: AnyNode | undefined;
  for (const path of importsFrom(j, root, source)) {
    const specifiers = (path.node.specifiers ?? []) as AnyNode[];
    const left = specifiers.filter((specifier) => !drop(specifier));
    if (left.length === specifiers.length) continue;
    if (left.length > 0) path.node.specifiers = left;
    else if (keepOne && kept === undefined) {
      path.node.specifiers = [];
      kept = path.node;
    } else j(path as never).remove();
  }
  return kept;
}

/** A name not bound anywhere in the file: `base`, else base2, base3, … */
export function freeName(j: JSCodeshift, root: Collection, base: string): string {
  for (let n = 1; ; n += 1) {
    const name = n === 1 ? base : `${base}${n}`;
    if (root.find(j.Identifier, { name }).size() === 0) return name;
  }
}

/** The quote the file's imports use, for the ones a transform prints. */
export function quoteOf(source: string): 'single' | 'double' {
  const double = (source.match(/\bfrom\s+"/g) ?? []).length;
  const single = (source.match(/\bfrom\s+'/g) ?? []).length;
  return double > single ? 'double' : 'single';
}

/** Removes `declaration` when it was kept for reuse and nothing took it (no specifier left). */
export function dropIfEmpty(j: JSCodeshift, root: Collection, declaration: AnyNode | undefined): void {
  if (declaration === undefined || (declaration.specifiers ?? []).length > 0) return;
  root.find(j.ImportDeclaration).filter((path) => path.node === declaration).remove();
}
