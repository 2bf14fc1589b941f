// jscodeshift transform that changes nothing and reports what React 19 removes and no codemod
// here rewrites safely, each at its line, for the recipe's model step (leftovers.md says how):
//   string refs (ref="name", this.refs.name)            legacy context (contextTypes,
//   propTypes / defaultProps on function components      childContextTypes, getChildContext)
//   React.createFactory                                  module pattern factories
//   ReactDOM.findDOMNode                                 react-test-renderer/shallow
// Class components keep defaultProps (React 19 still supports them) and are not reported for it.

import type { API, Collection, FileInfo, JSCodeshift, Options } from 'jscodeshift';
import { importsFrom, namedImports, objectImports, reporter, type AnyNode } from './imports.js';

export const parser = 'tsx';
export const prefilter = ['ref', 'context', 'propTypes', 'defaultProps', 'createFactory', 'render', 'findDOMNode', 'react-test-renderer/shallow'];

export default function transform(file: FileInfo, api: API, _options: Options = {}): undefined {
  const j = api.jscodeshift;
  const root = j(file.source);
  const report = reporter(api);

  // String refs.
  root.find(j.JSXAttribute, { name: { name: 'ref' } }).forEach((path) => {
    const value = path.node.value as AnyNode | null;
    const text = value?.type === 'JSXExpressionContainer' ? value.expression : value;
    if (text && (text.type === 'StringLiteral' || text.type === 'Literal' || text.type === 'TemplateLiteral') && (text.type === 'TemplateLiteral' || typeof text.value === 'string')) {
      const name = text.type === 'TemplateLiteral' ? '…' : String(text.value);
      report(path.node, `string ref "${name}" is removed in React 19: use a callback ref (ref={(node) => { this.${name === '…' ? 'node' : name} = node; }}) and read that field where this.refs.${name} was read`);
    }
  });
  root.find(j.MemberExpression, { object: { type: 'ThisExpression' }, property: { name: 'refs' } }).forEach((path) => {
    report(path.node, 'this.refs (string refs) is removed in React 19: read the field the callback ref sets instead');
  });

  // Legacy context.
  const classes = classNames(j, root);
  for (const name of ['contextTypes', 'childContextTypes', 'getChildContext']) {
    root.find(j.ClassProperty, { key: { name } }).forEach((path) => report(path.node, legacyContext(name)));
    root.find(j.ClassMethod, { key: { name } }).forEach((path) => report(path.node, legacyContext(name)));
    root.find(j.AssignmentExpression, { left: { type: 'MemberExpression', property: { name } } }).forEach((path) => report(path.node, legacyContext(name)));
  }

  // propTypes and defaultProps of function components.
  for (const name of ['propTypes', 'defaultProps']) {
    root.find(j.AssignmentExpression, { left: { type: 'MemberExpression', object: { type: 'Identifier' }, property: { name } } }).forEach((path) => {
      const component = ((path.node.left as AnyNode).object as AnyNode).name as string;
      if (classes.has(component) || !/^[A-Z]/.test(component)) return;
      report(
        path.node,
        name === 'defaultProps'
          ? `${component}.defaultProps is ignored for function components in React 19: move each default into the parameter's destructuring ({ text = 'Hello' })`
          : `${component}.propTypes are no longer checked in React 19: describe the props with TypeScript (or remove them)`,
      );
    });
  }

  // createFactory.
  for (const object of objectImports(j, root, 'react')) {
    root.find(j.MemberExpression, { object: { name: object }, property: { name: 'createFactory' } }).forEach((path) => report(path.node, createFactory()));
  }
  for (const [local, imported] of namedImports(j, root, 'react')) {
    if (imported === 'createFactory') root.find(j.CallExpression, { callee: { type: 'Identifier', name: local } }).forEach((path) => report(path.node, createFactory()));
  }

  // Module pattern factories: a component function that returns an object with a render method.
  root.find(j.ReturnStatement).forEach((path) => {
    const argument = path.node.argument as AnyNode | null;
    if (argument?.type !== 'ObjectExpression') return;
    const hasRender = (argument.properties as AnyNode[]).some((p) => p.key?.name === 'render' && (p.type === 'ObjectMethod' || ['FunctionExpression', 'ArrowFunctionExpression'].includes(p.value?.type)));
    const fn = enclosingFunctionName(path);
    if (hasRender && fn && /^[A-Z]/.test(fn)) report(path.node, `${fn} is a module pattern factory (it returns an object with render()), which React 19 no longer supports: return the rendered element from ${fn} itself, or make it a class`);
  });

  // findDOMNode.
  for (const object of objectImports(j, root, 'react-dom')) {
    root.find(j.MemberExpression, { object: { name: object }, property: { name: 'findDOMNode' } }).forEach((path) => report(path.node, findDomNode()));
  }
  for (const [local, imported] of namedImports(j, root, 'react-dom')) {
    if (imported === 'findDOMNode') root.find(j.CallExpression, { callee: { type: 'Identifier', name: local } }).forEach((path) => report(path.node, findDomNode()));
  }

  for (const path of importsFrom(j, root, 'react-test-renderer/shallow')) {
    report(path.node, "react-test-renderer/shallow is removed in React 19: import ShallowRenderer from 'react-shallow-renderer' (a devDependency to add), or better test with @testing-library/react");
  }
  return undefined;
}

function classNames(j: JSCodeshift, root: Collection): Set<string> {
  const names = new Set<string>();
  root.find(j.ClassDeclaration).forEach((path) => {
    if (path.node.id) names.add(path.node.id.name as string);
  });
  root.find(j.VariableDeclarator, { init: { type: 'ClassExpression' } }).forEach((path) => {
    if (path.node.id.type === 'Identifier') names.add(path.node.id.name);
  });
  return names;
}

function enclosingFunctionName(path: { parent: any; node: AnyNode }): string | undefined {
  for (let p = path.parent; p; p = p.parent) {
    const node = p.node as AnyNode;
    if (node.type === 'FunctionDeclaration') return node.id?.name;
    if (node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression') {
      const parent = p.parent?.node as AnyNode | undefined;
      return parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' ? parent.id.name : node.id?.name;
    }
    if (node.type === 'ClassMethod' || node.type === 'ObjectMethod' || node.type === 'ClassDeclaration') return undefined;
  }
  return undefined;
}

const legacyContext = (name: string) =>
  `${name} is legacy context, removed in React 19: create a context with createContext, provide it with <Context value={…}> and read it with static contextType (classes) or useContext`;
const createFactory = () => 'React.createFactory is removed in React 19: use JSX (or React.createElement) instead';
const findDomNode = () => 'ReactDOM.findDOMNode is removed in React 19: put a ref on the DOM element and read ref.current';
