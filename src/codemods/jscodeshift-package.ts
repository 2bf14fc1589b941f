// Which jscodeshift runs a transform, and loading it. A community transform is written and tested
// against the jscodeshift its package depends on, and that jscodeshift's parsers (flow-parser,
// babel) decide what parses and how it prints: react-codemod's fixtures expect flow-parser 0.134
// (via its jscodeshift 0.11), and under codemigrate's own flow-parser 0.339 14 of them threw on
// `PropertyDefinition`. So the transform gets the jscodeshift its own CLI would have used: the
// recipe's pin, else the one Node resolves from the transform's file (its package's dependencies,
// any node_modules above it), else from the recipe's folder, else codemigrate's own.

import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type jscodeshift from 'jscodeshift';
import type { JscodeshiftUsed } from '../core/codemod.js';
import { transformError } from '../core/errors.js';
import type { CodemodSpec } from '../core/recipe.js';

type Parser = jscodeshift.Parser;
/** A parser object, or a name that withParser resolves with its own getParser. */
export type ParserArg = Parser | string;
type Core = typeof jscodeshift;
type GetParser = (name?: string, options?: unknown) => Parser;

export interface JscodeshiftPackage {
  readonly version: string;
  readonly withParser: (parser: ParserArg) => Core;
  /** The package's own parser factory (names and parser config as its Worker.js resolves them). */
  readonly getParser: (name: string, config?: unknown) => ParserArg;
}

const ownRequire = createRequire(import.meta.url);
/** Real path of codemigrate's own jscodeshift package folder. */
const OWN_DIR = realpathSync(dirname(ownRequire.resolve('jscodeshift/package.json')));

export interface JscodeshiftChoice {
  /** The package folder; undefined for codemigrate's own (which a worker already has). */
  readonly dir: string | undefined;
  readonly used: JscodeshiftUsed;
}

/** `transformPath`: the loaded transform's absolute path. Throws a transform error if the choice cannot be loaded. */
export function chooseJscodeshift(spec: CodemodSpec, transformPath: string): JscodeshiftChoice {
  // Once per transform, pin and recipe: a run asks for every step (thousands on a large repository).
  const key = `${transformPath}\0${spec.jscodeshift ?? ''}\0${spec.recipeDir ?? ''}`;
  let choice = choices.get(key);
  if (choice === undefined) {
    choice = choose(spec, transformPath);
    choices.set(key, choice);
  }
  return choice;
}

const choices = new Map<string, JscodeshiftChoice>();

function choose(spec: CodemodSpec, transformPath: string): JscodeshiftChoice {
  const pinned = spec.jscodeshift;
  const found = pinned ?? findFrom(transformPath) ?? (spec.recipeDir !== undefined ? findFrom(join(spec.recipeDir, 'noop.js')) : undefined);
  const dir = found === undefined ? OWN_DIR : realpathSync(found);
  const by = pinned !== undefined ? 'pinned' : dir === OWN_DIR ? 'codemigrate' : 'resolved';
  try {
    const version = loadJscodeshift(dir).version;
    return by === 'codemigrate' ? { dir: undefined, used: { version, by } } : { dir, used: { version, by, from: dir } };
  } catch (error) {
    const whose = by === 'pinned' ? 'pinned by its "jscodeshift" field' : `found from ${transformPath}; pin another with the codemod's "jscodeshift" field`;
    throw transformError(`${spec.name}: cannot load the jscodeshift at ${dir} (${whose}): ${reasonOf(error)}`, error);
  }
}

/** Node's package lookup from a file: each node_modules folder above it, then the global folders. */
function findFrom(file: string): string | undefined {
  for (const folder of createRequire(file).resolve.paths('jscodeshift') ?? []) {
    const candidate = join(folder, 'jscodeshift');
    if (existsSync(join(candidate, 'package.json'))) return candidate;
  }
  return undefined;
}

const loaded = new Map<string, JscodeshiftPackage>();

/** Loads a jscodeshift package once per process (per thread); undefined: codemigrate's own. */
export function loadJscodeshift(dir: string | undefined): JscodeshiftPackage {
  const folder = dir ?? OWN_DIR;
  let pkg = loaded.get(folder);
  if (pkg === undefined) {
    pkg = requirePackage(folder);
    loaded.set(folder, pkg);
  }
  return pkg;
}

function requirePackage(folder: string): JscodeshiftPackage {
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version?: unknown };
  const load = createRequire(join(folder, 'package.json'));
  const core = load(folder) as unknown;
  const withParser = typeof core === 'function' ? (core as Partial<Core>).withParser : undefined;
  if (typeof withParser !== 'function') {
    throw new Error(`${folder} does not export jscodeshift's API (a function with withParser)`);
  }
  // Every jscodeshift since 0.6 has src/getParser.js; before it, withParser took a name itself.
  const factory = join(folder, 'src', 'getParser.js');
  const getParser = existsSync(factory) ? (load(factory) as GetParser) : undefined;
  return {
    version: typeof manifest.version === 'string' ? manifest.version : 'unknown',
    withParser: withParser.bind(core) as JscodeshiftPackage['withParser'],
    getParser: (name, config) => (getParser === undefined ? name : getParser(name, config)),
  };
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\nRequire stack:')[0] ?? '').replace(/\s*\n\s*/g, ' ').trim();
}
