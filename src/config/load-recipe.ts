// Loads one recipe file: read → schema → referenced files → rules → the core Recipe. Every problem
// is collected before the one recipeError is thrown.

import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { recipeError } from '../core/errors.js';
import type { CodemodSpec, ModelSpec, Recipe, StepSpec } from '../core/recipe.js';
import { resolvePackageFrom, resolveTransformPath } from '../codemods/load-transform.js';
import { readJsonFile } from './json-file.js';
import { displayPath, issueLines, problemLine, type JsonPath } from './problems.js';
import { recipeIdentity, type FileRef } from './recipe-identity.js';
import { checkRecipeRules } from './recipe-rules.js';
import { recipeSchema, type RecipeInput, type SetupEntry, type StepEntry } from './recipe-schema.js';

export interface RecipeOrigin {
  readonly builtin: boolean;
  /** The id the recipe must declare: its built-in file name, or the id the config gives it. */
  readonly expectedId?: { readonly id: string; readonly by: string };
}

export async function loadRecipeFile(file: string, origin: RecipeOrigin): Promise<Recipe> {
  const absolute = resolve(file);
  const json = await readJsonFile(absolute);
  if (json.status === 'missing') throw recipeError(`${displayPath(absolute)}: recipe file not found`);
  if (json.status === 'invalid') throw recipeError(json.problem);

  const problems: string[] = [];
  const references = await checkReferences(absolute, json.value);
  const parsed = recipeSchema.safeParse(json.value);
  if (!parsed.success) problems.push(...issueLines(absolute, parsed.error.issues, json.value));
  problems.push(...references.problems);
  if (!parsed.success) throw recipeError(dedupe(problems));

  const input = parsed.data;
  for (const rule of checkRecipeRules(input)) problems.push(problemLine(absolute, rule.path, rule.message));
  const expected = origin.expectedId;
  if (expected !== undefined && input.id !== expected.id) {
    problems.push(problemLine(absolute, ['id'], `is ${JSON.stringify(input.id)}, but ${expected.by} names it ${JSON.stringify(expected.id)}`));
  }
  if (problems.length > 0) throw recipeError(dedupe(problems));

  const codemod = (entry: SetupEntry | Extract<StepEntry, { codemod: string }>, field: string): CodemodSpec => {
    const pinned = references.jscodeshift.get(field);
    return {
      kind: 'codemod',
      name: entry.codemod,
      resolved: references.codemods.get(field) ?? entry.codemod,
      engine: entry.engine,
      ...(entry.parser !== undefined && { parser: entry.parser }),
      ...(pinned !== undefined && { jscodeshift: pinned }),
      ...(entry.engine === 'jscodeshift' && { recipeDir: dirname(absolute) }),
      options: entry.options ?? {},
      ...(entry.cache === false && { cache: false as const }),
      ...('files' in entry && entry.files !== undefined && { files: entry.files }),
      ...('context' in entry && entry.context !== undefined && { context: entry.context }),
      field,
    };
  };
  const { includeFrom, ...modules } = input.modules;
  const steps = input.steps.map((entry, index): StepSpec => {
    const field = `steps[${index}]`;
    if ('codemod' in entry) return codemod(entry, field);
    const instructions = references.instructions.get(field);
    if (instructions === undefined) throw new Error(`${field}: instructions were not read`); // checkReferences reads every one
    return { kind: 'model', instructions: instructions.path, instructionsText: instructions.text, when: entry.model.when, field } satisfies ModelSpec;
  });
  const setup = input.setup.map((entry, index) => codemod(entry, `setup[${index}]`));
  const finish = input.finish.map((entry, index) => codemod(entry, `finish[${index}]`));
  const files = identityFiles([...setup, ...steps, ...finish], references.includeFrom);
  for (const [name, path] of commandScripts(input, dirname(absolute))) files.set(name, { path });
  const identity = recipeIdentity({ content: input, files });
  return {
    id: input.id,
    description: input.description,
    file: absolute,
    hash: identity.hash,
    parts: identity.parts,
    bytesHash: createHash('sha256').update(json.bytes).digest('hex'),
    builtin: origin.builtin,
    ...(input.appliesTo !== undefined && { appliesTo: input.appliesTo }),
    modules: { ...modules, ...(includeFrom !== undefined && { includeFrom: references.includeFrom ?? includeFrom }) },
    setup,
    finish,
    steps,
    verify: input.verify,
    ...(input.install !== undefined && { install: input.install }),
    isolation: input.isolation,
    ...(input.format !== undefined && { format: [...new Set(input.format)] }),
  };
}

/** The files each part runs: transforms (as the engine will resolve them), instructions, includeFrom. */
function identityFiles(specs: readonly (CodemodSpec | ModelSpec)[], includeFrom: string | undefined): Map<string, FileRef> {
  const files = new Map<string, FileRef>();
  for (const spec of specs) {
    if (spec.kind === 'model') {
      files.set(`${spec.field}.model.instructions`, { path: spec.instructions });
      continue;
    }
    try {
      files.set(`${spec.field}.codemod`, { path: resolveTransformPath(spec) });
    } catch {
      // Not resolvable from here: checkTransforms reports it before anything runs.
      files.set(`${spec.field}.codemod`, { unresolved: spec.resolved });
    }
  }
  if (includeFrom !== undefined) files.set('modules.includeFrom', { path: includeFrom });
  return files;
}

/**
 * The files a verify or install command runs from beside the recipe (`node {recipeDir}/../x/run-tests.mjs`):
 * what the verdicts depend on, as much as the command's text.
 */
function commandScripts(input: Pick<RecipeInput, 'verify' | 'install'>, recipeDir: string): Map<string, string> {
  const commands: [string, string][] = [
    ...input.verify.flatMap((check, index): [string, string][] => [
      [`verify[${index}]`, check.run],
      ...(check.baseline ? [[`verify[${index}].baseline`, check.baseline.run] as [string, string]] : []),
      ...(check.serve !== undefined ? [[`verify[${index}].serve`, check.serve] as [string, string]] : []),
    ]),
    ...(input.install ? [['install', input.install.run] as [string, string]] : []),
  ];
  const scripts = new Map<string, string>();
  for (const [field, run] of commands) {
    const paths = [...run.matchAll(/\{recipeDir\}\/([^\s'"`;|&)]+)/g)].map((match) => resolve(recipeDir, match[1]!));
    paths.forEach((path, index) => scripts.set(`${field}.script${paths.length > 1 ? `[${index}]` : ''}`, path));
  }
  return scripts;
}

interface References {
  readonly problems: string[];
  /** field ("steps[0]") → absolute path of a path codemod. */
  readonly codemods: Map<string, string>;
  /** field ("steps[0]") → absolute folder of the jscodeshift package the entry pins. */
  readonly jscodeshift: Map<string, string>;
  readonly instructions: Map<string, { path: string; text: string }>;
  /** Absolute path of modules.includeFrom. */
  includeFrom?: string;
}

// Works on the raw JSON so that a missing file is reported even when the schema finds other problems.
async function checkReferences(file: string, raw: unknown): Promise<References> {
  const out: References = { problems: [], codemods: new Map(), jscodeshift: new Map(), instructions: new Map() };
  const dir = dirname(file);
  const fail = (path: JsonPath, message: string) => out.problems.push(problemLine(file, path, message));
  const includeFrom = field(field(raw, 'modules'), 'includeFrom');
  if (typeof includeFrom === 'string' && includeFrom !== '') {
    const target = resolve(dir, includeFrom);
    const kind = isPathSpecifier(includeFrom) ? await fileKind(target) : 'not-a-path';
    if (kind === 'file') out.includeFrom = target;
    else if (kind === 'not-a-path') fail(['modules', 'includeFrom'], `must be a file path relative to the recipe ("./${includeFrom}")`);
    else fail(['modules', 'includeFrom'], kind === 'missing' ? `file not found: ${includeFrom}` : `not a file: ${includeFrom}`);
  }
  for (const list of ['setup', 'steps', 'finish'] as const) {
    const entries = field(raw, list);
    if (!Array.isArray(entries)) continue;
    for (const [index, entry] of entries.entries()) {
      const name = `${list}[${index}]`;
      const codemodName = field(entry, 'codemod');
      if (typeof codemodName === 'string' && codemodName !== '') {
        const path = [list, index, 'codemod'];
        if (isPathSpecifier(codemodName)) {
          const target = resolve(dir, codemodName);
          const kind = await fileKind(target);
          if (kind === 'file') out.codemods.set(name, target);
          else fail(path, kind === 'missing' ? `file not found: ${codemodName}` : `not a file: ${codemodName}`);
        } else if ((await fileKind(resolve(dir, codemodName))) === 'file') {
          fail(path, `a file of that name sits beside the recipe, but a name without "./" is a package; write "./${codemodName}"`);
        } else {
          // A package name resolves from the recipe's folder, wherever the command starts; one that
          // does not may still be codemigrate's own dependency (resolveTransformPath says if not).
          const found = resolvePackageFrom(codemodName, dir);
          if (found !== undefined) out.codemods.set(name, found);
        }
      }
      const pin = field(entry, 'jscodeshift');
      if (typeof pin === 'string' && pin !== '') {
        const found = await findJscodeshift(dir, pin);
        if (found.status === 'found') out.jscodeshift.set(name, found.dir);
        else fail([list, index, 'jscodeshift'], found.problem);
      }
      const instructions = field(field(entry, 'model'), 'instructions');
      if (typeof instructions === 'string' && instructions !== '') {
        const path = [list, index, 'model', 'instructions'];
        const target = resolve(dir, instructions);
        const text = await readText(target);
        if (text === undefined) fail(path, `file not found: ${instructions}`);
        else if (text.trim() === '') fail(path, `file is empty: ${instructions}`);
        else out.instructions.set(name, { path: target, text });
      }
    }
  }
  return out;
}

type JscodeshiftLookup = { readonly status: 'found'; readonly dir: string } | { readonly status: 'problem'; readonly problem: string };

/**
 * A pinned jscodeshift: a path to its package folder (relative to the recipe), or a package name
 * Node resolves from the recipe's folder (an npm alias such as "jscodeshift-0.13" included). It
 * must be a jscodeshift: a package named "jscodeshift" (or "@scope/jscodeshift", a fork).
 */
async function findJscodeshift(recipeDir: string, pin: string): Promise<JscodeshiftLookup> {
  let folder: string | undefined;
  if (isPathSpecifier(pin)) {
    folder = resolve(recipeDir, pin);
    const kind = await fileKind(folder);
    if (kind === 'missing') return { status: 'problem', problem: `not found: ${pin} (expected the folder of a jscodeshift package)` };
    if (kind === 'file') return { status: 'problem', problem: `${pin} is a file; give the folder of a jscodeshift package` };
  } else {
    for (const nodeModules of createRequire(join(recipeDir, 'noop.js')).resolve.paths(pin) ?? []) {
      if ((await fileKind(join(nodeModules, pin, 'package.json'))) === 'file') {
        folder = join(nodeModules, pin);
        break;
      }
    }
    if (folder === undefined) {
      return { status: 'problem', problem: `cannot resolve package "${pin}" from ${displayPath(recipeDir)} (install it beside the recipe, or give the path of a jscodeshift package folder, "./…")` };
    }
  }
  const manifest = await readText(join(folder, 'package.json'));
  if (manifest === undefined) return { status: 'problem', problem: `${pin} has no package.json: not a jscodeshift package` };
  const { name, version } = parseManifest(manifest);
  if (name !== 'jscodeshift' && !/^@[^/]+\/jscodeshift$/.test(name ?? '')) {
    return { status: 'problem', problem: `${pin} is the package ${JSON.stringify(name ?? '(unnamed)')}${version ? ` ${version}` : ''}, not jscodeshift` };
  }
  return { status: 'found', dir: folder };
}

function parseManifest(text: string): { name?: string; version?: string } {
  try {
    const value: unknown = JSON.parse(text);
    const name = field(value, 'name');
    const version = field(value, 'version');
    return { ...(typeof name === 'string' && { name }), ...(typeof version === 'string' && { version }) };
  } catch {
    return {};
  }
}

/** "./x", "../x" and absolute paths are files; anything else names a package. */
export function isPathSpecifier(specifier: string): boolean {
  return specifier.startsWith('.') || specifier.startsWith('/') || isAbsolute(specifier);
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}

async function fileKind(path: string): Promise<'file' | 'other' | 'missing'> {
  try {
    return (await stat(path)).isFile() ? 'file' : 'other';
  } catch {
    return 'missing';
  }
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

function dedupe(lines: readonly string[]): string[] {
  return [...new Set(lines)];
}
