// jscodeshift transform: util.is* type checks (DEP0044–DEP0058) → the language's own checks.
// Self-contained on purpose: no runtime imports, so any jscodeshift runner can load it unchanged.
// Rewrites only where the replacement behaves exactly like Node's implementation; everything
// else is reported ({ line, message }) and left as it was.

import type { API, ASTNode, ASTPath, CallExpression, Collection, FileInfo, JSCodeshift, Options } from 'jscodeshift';

export const parser = 'babel';

/** Loose view of a parsed node: the transform checks shapes itself, ast-types' unions are too narrow. */
type AnyNode = { type: string; [key: string]: any };

type Check = (j: JSCodeshift, arg: AnyNode, negated: boolean) => AnyNode;

const TYPEOF: Readonly<Record<string, string>> = {
  isString: 'string',
  isNumber: 'number',
  isBoolean: 'boolean',
  isFunction: 'function',
  isSymbol: 'symbol',
};

function typeofCheck(type: string): Check {
  return (j, arg, negated) =>
    j.binaryExpression(negated ? '!==' : '===', j.unaryExpression('typeof', arg as any), j.stringLiteral(type));
}

function compareCheck(operator: '===' | '==', value: 'null' | 'undefined'): Check {
  const negatedOperator = operator === '===' ? '!==' : '!=';
  return (j, arg, negated) =>
    j.binaryExpression(
      negated ? negatedOperator : operator,
      arg as any,
      value === 'null' ? j.nullLiteral() : j.identifier('undefined'),
    );
}

/** Checks whose replacement evaluates the argument once: any argument is fine. */
const SINGLE_USE: Readonly<Record<string, Check>> = {
  ...Object.fromEntries(Object.entries(TYPEOF).map(([name, type]) => [name, typeofCheck(type)])),
  isUndefined: compareCheck('===', 'undefined'),
  isNull: compareCheck('===', 'null'),
  // `== null` is exactly Node's `arg === null || arg === undefined`.
  isNullOrUndefined: compareCheck('==', 'null'),
};

/** Checks whose replacement mentions the argument twice: only for arguments without side effects. */
const DOUBLE_USE: Readonly<Record<string, Check>> = {
  isObject: (j, a, negated) =>
    negated
      ? j.logicalExpression('||', j.binaryExpression('===', a as any, j.nullLiteral()), typeofCheck('object')(j, a, true) as any)
      : j.logicalExpression('&&', j.binaryExpression('!==', a as any, j.nullLiteral()), typeofCheck('object')(j, a, false) as any),
  isPrimitive: (j, a, negated) =>
    negated
      ? j.logicalExpression(
          '&&',
          j.binaryExpression('!==', a as any, j.nullLiteral()),
          j.parenthesizedExpression(
            j.logicalExpression('||', typeofCheck('object')(j, a, false) as any, typeofCheck('function')(j, a, false) as any),
          ),
        )
      : j.logicalExpression(
          '||',
          j.binaryExpression('===', a as any, j.nullLiteral()),
          j.parenthesizedExpression(
            j.logicalExpression('&&', typeofCheck('object')(j, a, true) as any, typeofCheck('function')(j, a, true) as any),
          ),
        ),
};

/** util.isDate and util.isRegExp are the very functions util.types exports. */
const TYPES_ALIAS = ['isDate', 'isRegExp'] as const;

const REPORT_ONLY: Readonly<Record<string, string>> = {
  isError:
    'util.isError also accepts objects whose Object.prototype.toString tag is "Error"; choose `instanceof Error` or util.types.isNativeError for this call',
};

const KNOWN = new Set([
  'isArray',
  'isBuffer',
  ...Object.keys(SINGLE_USE),
  ...Object.keys(DOUBLE_USE),
  ...TYPES_ALIAS,
  ...Object.keys(REPORT_ONLY),
]);

function isUtilRequire(node: AnyNode | null | undefined): boolean {
  return (
    node?.type === 'CallExpression' &&
    node.callee.type === 'Identifier' &&
    node.callee.name === 'require' &&
    node.arguments.length === 1 &&
    isUtilSource(node.arguments[0])
  );
}

function isUtilSource(node: AnyNode | undefined): boolean {
  const value = node && (node.type === 'Literal' || node.type === 'StringLiteral') ? node.value : undefined;
  return value === 'util' || value === 'node:util';
}

/** Identifiers, `this` and plain member chains (`a.b.c`): safe to evaluate twice. */
function isSimple(node: AnyNode): boolean {
  if (node.type === 'Identifier' || node.type === 'ThisExpression') return true;
  return node.type === 'MemberExpression' && !node.computed && isSimple(node.object);
}

/** How many identifiers still read `binding` (property keys, other scopes' names and the declaration itself skipped). */
function countReferences(j: JSCodeshift, root: Collection, name: string, binding: Binding): number {
  return root
    .find(j.Identifier, { name })
    .filter((path: ASTPath) => {
      const parent = path.parent?.node as AnyNode | undefined;
      if (path.node === binding.id || !parent) return false;
      if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === path.node)
        return parent.computed === true;
      // A shorthand property's key is a separate node from its value; the value is the reference.
      if ((parent.type === 'Property' || parent.type === 'ObjectProperty') && parent.key === path.node)
        return parent.computed === true;
      if (parent.type === 'ImportSpecifier' && parent.imported === path.node && parent.local !== path.node) return false;
      return boundBy(path, name, binding);
    })
    .size();
}

interface Binding {
  /** The identifier node the declaration binds. */
  readonly id: AnyNode;
  /** `namespace`: `util` itself; otherwise the util export the local name stands for. */
  readonly imported: string | 'namespace';
  /** Removes the binding from its declaration once nothing refers to it any more. */
  readonly remove: () => void;
}

function collectBindings(j: JSCodeshift, root: Collection, shrunk: Map<AnyNode, AnyNode>): Map<string, Binding> {
  const bindings = new Map<string, Binding>();
  root.find(j.VariableDeclarator).forEach((path: ASTPath) => {
    const node = path.node as AnyNode;
    if (!isUtilRequire(node.init)) return;
    if (node.id.type === 'Identifier') {
      bindings.set(node.id.name, { id: node.id, imported: 'namespace', remove: () => removeDeclarator(path) });
      return;
    }
    if (node.id.type !== 'ObjectPattern') return;
    for (const property of node.id.properties as AnyNode[]) {
      if (property.computed || property.key?.type !== 'Identifier' || property.value?.type !== 'Identifier') continue;
      const remove = () => {
        const pattern = node.id as AnyNode;
        pattern.properties = pattern.properties.filter((p: AnyNode) => p !== property);
        if (pattern.properties.length === 0) removeDeclarator(path);
        else shrunk.set(node, pattern);
      };
      bindings.set(property.value.name, { id: property.value, imported: property.key.name, remove });
    }
  });
  root.find(j.ImportDeclaration).forEach((path: ASTPath) => {
    const node = path.node as AnyNode;
    if (!isUtilSource(node.source)) return;
    for (const specifier of node.specifiers as AnyNode[]) {
      const imported = specifier.type === 'ImportSpecifier' ? (specifier.imported.name as string) : 'namespace';
      const remove = () => {
        node.specifiers = node.specifiers.filter((s: AnyNode) => s !== specifier);
        if (node.specifiers.length === 0) path.prune();
      };
      bindings.set(specifier.local.name, { id: specifier.local, imported, remove });
    }
  });
  return bindings;
}

/**
 * recast prints every changed object pattern one property per line; a pattern that was on one
 * line stays on one line, rebuilt from the printed properties that remain. Printed, not sliced
 * from the source: in a tab-indented file recast's offsets count a tab as several columns.
 */
function oneLinePattern(j: JSCodeshift, pattern: AnyNode): AnyNode {
  const oneLine = (node: AnyNode) => node.loc !== undefined && node.loc !== null && node.loc.start.line === node.loc.end.line;
  if (!oneLine(pattern) || !(pattern.properties as AnyNode[]).every(oneLine)) return pattern;
  const texts = (pattern.properties as AnyNode[]).map((p) => j(p as ASTNode).toSource());
  // An identifier's name is printed verbatim: the one way to hand recast a piece of exact text.
  return j.identifier(`{ ${texts.join(', ')} }`);
}

/** ast-types' prune also removes the declaration once its last declarator is gone. */
function removeDeclarator(path: ASTPath): void {
  path.prune();
}

function boundBy(path: ASTPath, name: string, binding: Binding): boolean {
  const scope = path.scope?.lookup(name);
  const declared = scope?.getBindings()[name] as ASTPath[] | undefined;
  return declared?.some((p) => p.node === binding.id) ?? false;
}

export default function transformer(file: FileInfo, api: API, options: Options): string | undefined {
  const j = api.jscodeshift;
  if (!/\bis[A-Z]/.test(file.source) || !/\butil\b/.test(file.source)) return undefined;
  const root = j(file.source);
  const shrunk = new Map<AnyNode, AnyNode>();
  const bindings = collectBindings(j, root, shrunk);
  const touched = new Set<string>();
  let changed = false;

  root.find(j.CallExpression).forEach((path: ASTPath<CallExpression>) => {
    const call = path.node as AnyNode;
    const target = utilCall(path, call, bindings);
    if (!target) return;
    const { name, namespace, local } = target;
    const line = call.loc?.start.line ?? 0;
    const args = call.arguments as AnyNode[];
    const arg = args[0];
    // Our engine, unlike the jscodeshift CLI, takes { line, message }: the leftover keeps its line.
    const report = (message: string) => (api.report as (leftover: unknown) => void)({ line, message });
    if (args.length !== 1 || !arg || arg.type === 'SpreadElement') {
      report(`util.${name} called with ${args.length} arguments; rewrite it by hand`);
      return;
    }
    const parentNode = path.parent?.node as AnyNode | undefined;
    const negatable = parentNode?.type === 'UnaryExpression' && parentNode.operator === '!';
    let replacement: AnyNode | undefined;
    let negated = false;
    const single = SINGLE_USE[name];
    const double = DOUBLE_USE[name];
    if (name === 'isArray') {
      replacement = j.callExpression(j.memberExpression(j.identifier('Array'), j.identifier('isArray')), [arg as any]);
    } else if (name === 'isBuffer') {
      replacement = j.callExpression(j.memberExpression(j.identifier('Buffer'), j.identifier('isBuffer')), [arg as any]);
    } else if (single) {
      negated = negatable;
      replacement = single(j, arg, negated);
    } else if (double) {
      if (!isSimple(arg)) {
        report(`util.${name}(${j(arg as any).toSource()}): the exact replacement evaluates the argument twice; store it in a variable first`);
        return;
      }
      negated = negatable;
      replacement = double(j, arg, negated);
    } else if ((TYPES_ALIAS as readonly string[]).includes(name)) {
      if (!namespace) {
        report(`${name} comes from a destructured require of util; use util.types.${name} instead`);
        return;
      }
      replacement = j.callExpression(
        j.memberExpression(j.memberExpression(namespace as any, j.identifier('types')), j.identifier(name)),
        [arg as any],
      );
    } else {
      report(`util.${name}: ${REPORT_ONLY[name] ?? 'no exact replacement'}`);
      return;
    }
    (negated ? path.parent : path).replace(replacement);
    if (local) touched.add(local);
    changed = true;
  });

  if (!changed) return undefined;
  for (const name of touched) {
    const binding = bindings.get(name);
    if (binding && countReferences(j, root, name, binding) === 0) binding.remove();
  }
  for (const [declarator, pattern] of shrunk) {
    if (declarator.id === pattern && pattern.properties.length > 0) declarator.id = oneLinePattern(j, pattern);
  }
  const quote = options['quote'] ?? ((file.source.match(/"/g)?.length ?? 0) > (file.source.match(/'/g)?.length ?? 0) ? 'double' : 'single');
  return root.toSource({ quote, lineTerminator: file.source.includes('\r\n') ? '\r\n' : '\n' });
}

/** The util check this call makes, if it is one: `util.isX(…)`, `isX(…)` from util, `require('util').isX(…)`. */
function utilCall(
  path: ASTPath,
  call: AnyNode,
  bindings: Map<string, Binding>,
): { name: string; namespace?: AnyNode; local?: string } | undefined {
  const callee = call.callee as AnyNode;
  if (callee.type === 'Identifier') {
    const binding = bindings.get(callee.name);
    if (!binding || binding.imported === 'namespace' || !KNOWN.has(binding.imported)) return undefined;
    return boundBy(path, callee.name, binding) ? { name: binding.imported, local: callee.name } : undefined;
  }
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return undefined;
  const name = callee.property.name as string;
  if (!KNOWN.has(name)) return undefined;
  const object = callee.object as AnyNode;
  if (isUtilRequire(object)) return { name, namespace: object };
  if (object.type !== 'Identifier') return undefined;
  const binding = bindings.get(object.name);
  if (!binding || binding.imported !== 'namespace' || !boundBy(path, object.name, binding)) return undefined;
  return { name, namespace: object, local: object.name };
}
