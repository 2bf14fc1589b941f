// Pure: types for the matchers a typed test file adds with `expect.extend({ … })`. @types/jest
// declares `extend` an assertion on `expect`, so after the call `expect(x).toBeWithin()` type-checks
// under Jest; Vitest's `extend` declares nothing, and each use became TS2339 (auto-test in the
// corpus: 2 new diagnostics at land). The file gets a `declare module 'vitest'` augmentation of
// Assertion naming those matchers with loose signatures, spliced in after its last import.

import type { JSCodeshift } from 'jscodeshift';
import { sourceOffset, type AnyNode } from './ast-nodes.js';

const TYPED_FILE = /\.[cm]?tsx?$/;

/** The matcher names of every `expect.extend({ … })` object literal in the file, in order. */
function extendedMatchers(j: JSCodeshift, source: string): string[] {
  const names: string[] = [];
  j(source)
    .find(j.CallExpression)
    .forEach((path) => {
      const { callee, arguments: args } = path.node as AnyNode;
      const isExtend = callee.type === 'MemberExpression' && !callee.computed && callee.object.type === 'Identifier' && callee.object.name === 'expect' && callee.property.name === 'extend';
      const [matchers] = (args ?? []) as AnyNode[];
      if (!isExtend || matchers?.type !== 'ObjectExpression') return;
      for (const property of matchers.properties as AnyNode[]) {
        if (property.computed) continue;
        const key = property.key as AnyNode | undefined;
        const name = key?.type === 'Identifier' ? key.name : typeof key?.value === 'string' ? key.value : undefined;
        if (typeof name === 'string' && /^[A-Za-z_$][\w$]*$/.test(name) && !names.includes(name)) names.push(name);
      }
    });
  return names;
}

/**
 * `source` with the augmentation after its last top-level import, or unchanged: not a TypeScript
 * file, no matcher named in an object literal, already augmenting 'vitest', or no import (a file
 * that is no module would declare the module instead of augmenting it).
 */
export function typeExtendedMatchers(j: JSCodeshift, path: string, source: string): string {
  if (!TYPED_FILE.test(path) || !/\bexpect\.extend\s*\(/.test(source) || /declare\s+module\s+['"]vitest['"]/.test(source)) return source;
  let names: string[];
  try {
    names = extendedMatchers(j, source);
  } catch {
    return source;
  }
  if (names.length === 0) return source;
  const program = j(source).find(j.Program).paths()[0]?.node as AnyNode | undefined;
  const imports = ((program?.body ?? []) as AnyNode[]).filter((statement) => statement.type === 'ImportDeclaration');
  const last = imports[imports.length - 1];
  if (last?.loc === undefined || last.loc === null) return source;
  const at = sourceOffset(source, last.loc.end);
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const block = [
    '',
    '',
    "// Added by codemigrate: @types/jest typed the matchers this file's expect.extend adds; Vitest learns them here.",
    "declare module 'vitest' {",
    '  interface Assertion<T = any> {',
    ...names.map((name) => `    ${name}(...args: any[]): any;`),
    '  }',
    '}',
  ].join(eol);
  return source.slice(0, at) + block + source.slice(at);
}
