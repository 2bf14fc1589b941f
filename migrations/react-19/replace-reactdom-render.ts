// jscodeshift transform: the legacy root API React 19 removes → react-dom/client's roots.
//   ReactDOM.render(el, container);            → const root = createRoot(container); root.render(el);
//   ReactDOM.hydrate(el, container);           → hydrateRoot(container, el);
//   ReactDOM.unmountComponentAtNode(container) → root.unmount(), when a root this transform made for
//                                                the same container expression is in scope
//   act(() => { ReactDOM.render(el, c); });    → const root = createRoot(c); act(() => { root.render(el); });
// through `import ReactDOM from 'react-dom'`, `import * as ReactDOM …` or the named imports.
// Only calls that are whole statements with exactly two arguments are rewritten; the rest is
// reported, as is every unmount with no root in scope (its root lives elsewhere: a test's
// beforeEach, another module). createRoot renders asynchronously, as ReactDOM.render under
// React 18's concurrent roots: code that reads the DOM right after render() needs act() or
// flushSync, which the verify step shows and the model step fixes.
// In .ts/.tsx, a container from getElementById/querySelector gets `!`: createRoot does not take null.

import type { API, ASTPath, FileInfo, Options } from 'jscodeshift';
import { addNamedImport, dropIfEmpty, dropUnused, freeName, importsFrom, isUsed, namedImports, objectImports, quoteOf, removeSpecifiers, reporter, type AnyNode } from './imports.js';

export const parser = 'tsx';
export const prefilter = ['render', 'hydrate', 'unmountComponentAtNode'];

const LEGACY = ['render', 'hydrate', 'unmountComponentAtNode'] as const;
type Legacy = (typeof LEGACY)[number];

interface CreatedRoot {
  readonly body: AnyNode[];
  readonly container: string;
  readonly name: string;
}

export default function transform(file: FileInfo, api: API, _options: Options = {}): string | undefined {
  const j = api.jscodeshift;
  const root = j(file.source);
  const report = reporter(api);
  if (importsFrom(j, root, 'react-dom').length === 0) return undefined;
  const named = new Map([...namedImports(j, root, 'react-dom')].filter(([, imported]) => (LEGACY as readonly string[]).includes(imported)));
  const objects = objectImports(j, root, 'react-dom');
  const typed = /\.tsx?$/.test(file.path);
  const roots: CreatedRoot[] = [];
  const needed = new Set<'createRoot' | 'hydrateRoot'>();
  let changed = false;

  /** Which legacy API a call's callee names, if any. */
  const legacyOf = (callee: AnyNode): Legacy | undefined => {
    if (callee.type === 'Identifier') return named.get(callee.name) as Legacy | undefined;
    if (callee.type === 'MemberExpression' && !callee.computed && callee.object.type === 'Identifier' && objects.includes(callee.object.name)) {
      const name = callee.property.name as string;
      return (LEGACY as readonly string[]).includes(name) ? (name as Legacy) : undefined;
    }
    return undefined;
  };

  const calls = root
    .find(j.CallExpression)
    .paths()
    .map((path) => ({ path: path as ASTPath<AnyNode>, api: legacyOf(path.node.callee as AnyNode) }))
    .filter((call): call is { path: ASTPath<AnyNode>; api: Legacy } => call.api !== undefined);

  for (const { path, api: legacy } of calls) {
    const node = path.node;
    const args = node.arguments as AnyNode[];
    const statement = path.parent?.node as AnyNode;
    const body = path.parent?.parent?.node?.body as AnyNode[] | undefined;
    const standalone = statement.type === 'ExpressionStatement' && Array.isArray(body) && body.includes(statement);
    const source = (n: AnyNode) => j(n as never).toSource();

    if (legacy === 'unmountComponentAtNode') {
      const container = args[0] ? source(args[0]) : '';
      const created = standalone && args.length === 1 ? roots.find((r) => r.container === container && encloses(path, r.body)) : undefined;
      if (!created) {
        report(node, `unmountComponentAtNode(${container}) is removed in React 19 and no root made here for ${container} is in scope: keep the root createRoot returned where it is made and call root.unmount()`);
        continue;
      }
      j(path.parent).replaceWith(j.expressionStatement(j.callExpression(j.memberExpression(j.identifier(created.name), j.identifier('unmount')), [])));
      changed = true;
      continue;
    }

    if (!standalone || args.length !== 2 || args.some((arg) => arg.type === 'SpreadElement')) {
      const why = args.length > 2 ? 'its callback argument has no createRoot equivalent (use a ref callback or useEffect in the rendered tree)' : 'its value is used or it is not a statement of its own';
      report(node, `ReactDOM.${legacy} is removed in React 19 and was not rewritten: ${why}`);
      continue;
    }
    const [element, containerArg] = args as [AnyNode, AnyNode];
    const container = typed && nullable(containerArg) ? j.tsNonNullExpression(containerArg as never) : containerArg;
    if (legacy === 'hydrate') {
      j(path as never).replaceWith(j.callExpression(j.identifier('hydrateRoot'), [container as never, element as never]));
      needed.add('hydrateRoot');
    } else {
      const name = freeName(j, root, 'root');
      const create = j.variableDeclaration('const', [j.variableDeclarator(j.identifier(name), j.callExpression(j.identifier('createRoot'), [container as never]))]);
      const renderCall = j.expressionStatement(j.callExpression(j.memberExpression(j.identifier(name), j.identifier('render')), [element as never]));
      // The one statement of an `act(() => { … })` callback: the root is made before the act
      // statement, in the scope around it, where the test's unmount can reach it.
      const act = actAround(path);
      if (act) {
        (create as AnyNode).comments = act.statement.node.comments;
        act.statement.node.comments = undefined;
        act.statement.insertBefore(create);
        path.parent.replace(renderCall);
        roots.push({ body: act.body, container: source(containerArg), name });
      } else {
        (create as AnyNode).comments = statement.comments;
        path.parent.replace(create, renderCall);
        roots.push({ body: body!, container: source(containerArg), name });
      }
      needed.add('createRoot');
    }
    changed = true;
  }
  if (!changed) return undefined;

  // An import of react-dom left empty becomes the react-dom/client one, on its line.
  let reuse = dropUnused(j, root, 'react-dom', LEGACY, true);
  const unusedObjects = objects.filter((object) => !isUsed(j, root, object));
  reuse = removeSpecifiers(j, root, 'react-dom', (s) => unusedObjects.includes(s.local?.name), reuse === undefined) ?? reuse;
  for (const name of needed) addNamedImport(j, root, 'react-dom/client', name, reuse);
  dropIfEmpty(j, root, reuse);
  return root.toSource({ quote: quoteOf(file.source) });
}

/**
 * For a render that is the only statement of a callback given to `act` (`act(() => { render(…); })`,
 * awaited or not) whose call is a statement of its own: that statement's path and its list.
 */
function actAround(path: ASTPath<AnyNode>): { statement: ASTPath<AnyNode>; body: AnyNode[] } | undefined {
  const block = path.parent?.parent as ASTPath<AnyNode> | undefined;
  if (block?.node.type !== 'BlockStatement' || block.node.body.length !== 1) return undefined;
  const callback = block.parent as ASTPath<AnyNode> | undefined;
  if (!callback || !['ArrowFunctionExpression', 'FunctionExpression'].includes(callback.node.type)) return undefined;
  const call = callback.parent as ASTPath<AnyNode> | undefined;
  if (call?.node.type !== 'CallExpression' || call.node.callee.type !== 'Identifier' || call.node.callee.name !== 'act' || call.node.arguments[0] !== callback.node) return undefined;
  const outer = call.parent?.node.type === 'AwaitExpression' ? call.parent : call;
  const statement = outer.parent as ASTPath<AnyNode> | undefined;
  const list = statement?.parent?.node.body;
  if (statement?.node.type !== 'ExpressionStatement' || !Array.isArray(list) || !list.includes(statement.node)) return undefined;
  return { statement, body: list };
}

/** True when `path` lies inside the statement list `body` (a root declared there is in scope). */
function encloses(path: ASTPath<AnyNode>, body: AnyNode[]): boolean {
  for (let p: ASTPath<AnyNode> | null | undefined = path; p; p = p.parent) {
    if ((p.node as AnyNode).body === body) return true;
  }
  return false;
}

/** document.getElementById(…) and querySelector(…) may return null, which createRoot refuses. */
function nullable(node: AnyNode): boolean {
  return node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && ['getElementById', 'querySelector'].includes(node.callee.property?.name);
}
