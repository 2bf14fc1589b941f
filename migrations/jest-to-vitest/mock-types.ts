// jscodeshift transform: Jest's type namespace (`jest.Mock`, `jest.Mocked<T>`, …) → Vitest's
// exported types. The import of those names from 'vitest' is added by vitest-imports.ts, which runs
// after this one. @types/jest's generics are <Return, Args>; Vitest's take one function type, so
// `jest.Mock<R, A>` becomes `Mock<(...args: A) => R>`. Self-contained: no runtime imports.

import type { API, Collection, FileInfo, JSCodeshift, Options } from 'jscodeshift';

export const parser = 'tsx';

type AnyNode = { type: string; [key: string]: any };

/** How each Jest type maps: `function` types take <R, A> in Jest and one function type in Vitest. */
const TYPES: Readonly<Record<string, { readonly name: string; readonly generics: 'same' | 'function' }>> = {
  Mock: { name: 'Mock', generics: 'function' },
  MockInstance: { name: 'MockInstance', generics: 'function' },
  SpyInstance: { name: 'MockInstance', generics: 'function' },
  Mocked: { name: 'Mocked', generics: 'same' },
  MockedObject: { name: 'MockedObject', generics: 'same' },
  MockedObjectDeep: { name: 'MockedObjectDeep', generics: 'same' },
  MockedFunction: { name: 'MockedFunction', generics: 'same' },
  MockedFunctionDeep: { name: 'MockedFunctionDeep', generics: 'same' },
  MockedFn: { name: 'MockedFunction', generics: 'same' },
  MockedClass: { name: 'MockedClass', generics: 'same' },
  Spied: { name: 'MockInstance', generics: 'same' },
  SpiedFunction: { name: 'MockInstance', generics: 'same' },
  SpiedClass: { name: 'MockInstance', generics: 'same' },
};

const CODE_FILE = /\.[cm]?tsx?$/;

/** Names bound at the top of the file by imports or declarations, other than imports from 'vitest'. */
function foreignTopLevelNames(j: JSCodeshift, root: Collection): Set<string> {
  const names = new Set<string>();
  root.find(j.ImportDeclaration).forEach((path) => {
    const node = path.node as AnyNode;
    if (node.source.value === 'vitest') return;
    for (const s of (node.specifiers ?? []) as AnyNode[]) names.add(s.local.name);
  });
  const program = root.find(j.Program).paths()[0]?.node as AnyNode;
  for (const statement of program.body as AnyNode[]) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.id?.type === 'Identifier') names.add(declaration.id.name);
    if (declaration?.type === 'VariableDeclaration') {
      for (const d of declaration.declarations as AnyNode[]) if (d.id.type === 'Identifier') names.add(d.id.name);
    }
  }
  return names;
}

export default function transformer(file: FileInfo, api: API, options: Options): string | undefined {
  if (!CODE_FILE.test(file.path) || !/\bjest\s*\.\s*[A-Z]|namespace\s+jest\b/.test(file.source)) return undefined;
  const j = api.jscodeshift;
  const root = j(file.source);
  const report = (node: AnyNode, message: string) =>
    (api.report as (leftover: unknown) => void)({ line: node.loc?.start.line ?? 0, message });
  const taken = foreignTopLevelNames(j, root);
  let changed = false;

  root.find(j.TSModuleDeclaration).forEach((path) => {
    const node = path.node as AnyNode;
    if (node.id?.name !== 'jest') return;
    report(node, 'custom matchers declared on `namespace jest`: declare them for Vitest with `declare module \'vitest\' { interface Assertion<T = any> { … } interface AsymmetricMatchersContaining { … } }`');
  });

  root.find(j.TSTypeReference).forEach((path) => {
    const node = path.node as AnyNode;
    const typeName = node.typeName as AnyNode;
    if (typeName.type !== 'TSQualifiedName' || typeName.left.type !== 'Identifier' || typeName.left.name !== 'jest') return;
    const jestName = typeName.right.name as string;
    if (jestName === 'DoneCallback') {
      report(node, 'jest.DoneCallback: Vitest has no done callback; return a Promise instead (see done-callback)');
      return;
    }
    const mapped = TYPES[jestName];
    if (!mapped) {
      report(node, `jest.${jestName}: no Vitest type known; replace it by hand`);
      return;
    }
    if (taken.has(mapped.name)) {
      report(node, `jest.${jestName} → ${mapped.name}: the file already binds \`${mapped.name}\` to something else; import Vitest's under an alias`);
      return;
    }
    node.typeName = j.identifier(mapped.name);
    const params = node.typeParameters?.params as AnyNode[] | undefined;
    if (mapped.generics === 'function' && params && params.length > 0) {
      const [returned, args] = params as [AnyNode, AnyNode | undefined];
      if (params.length === 1 && returned.type === 'TSFunctionType') {
        // Already a function type (jest-mock's newer signature): Vitest reads it the same way.
      } else {
        const rest = j.restElement(j.identifier('args')) as AnyNode;
        rest.typeAnnotation = j.tsTypeAnnotation((args ?? j.tsArrayType(j.tsAnyKeyword())) as any);
        const fnType = j.tsFunctionType([rest as any]);
        fnType.typeAnnotation = j.tsTypeAnnotation(returned as any);
        node.typeParameters = j.tsTypeParameterInstantiation([fnType]);
      }
    }
    changed = true;
  });

  if (!changed) return undefined;
  const quote = options['quote'] ?? ((file.source.match(/"/g)?.length ?? 0) > (file.source.match(/'/g)?.length ?? 0) ? 'double' : 'single');
  return root.toSource({ quote, arrowParensAlways: true, lineTerminator: file.source.includes('\r\n') ? '\r\n' : '\n' });
}
