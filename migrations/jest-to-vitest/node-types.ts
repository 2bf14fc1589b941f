// Pure: the @types/node that finish keeps. Jest's packages bring @types/node in (jest → @jest/types
// → @types/node), and a tsconfig with no `types` list lets tsc read every installed @types
// package: a project whose own code leaned on Node's types that way loses them when finish takes
// Jest out (react-tsuki: an ES5 tsconfig that found Promise through them, 11 new diagnostics after
// land). Declared at the version the lockfile held, tsc reads what it read before.

import { parseJsonc } from './commonjs-typed.js';
import { lockedVersion } from './locked-version.js';
import type { JsonValue } from './jest-config.js';
import { hasDependency } from './vitest-settings.js';

/** The range to declare @types/node with at finish, or undefined when nothing needs keeping. */
export function keptNodeTypes(pkg: Record<string, JsonValue>, readText: (path: string) => string | undefined): string | undefined {
  if (hasDependency(pkg, '@types/node')) return undefined;
  const text = readText('tsconfig.json');
  const config = text === undefined ? undefined : parseJsonc('tsconfig.json', text);
  // A `types` list: tsc read only the packages it names, which the project declares itself.
  if (config === undefined || (config['compilerOptions'] as { types?: unknown } | undefined)?.types !== undefined) return undefined;
  const locked = lockedVersion('@types/node', undefined, readText);
  return locked === undefined ? undefined : `^${locked.version}`;
}
