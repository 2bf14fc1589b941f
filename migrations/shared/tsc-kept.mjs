#!/usr/bin/env node
// A kept typecheck (issue 16.2): the check tsc-check.mjs makes — the project's own
// `tsc --noEmit --pretty false -p .` (each referenced project of a solution tsconfig) — by one
// process that lives as long as the run. It builds the project's program at the baseline and keeps
// it: every parsed and bound source file, and a semantic-diagnostics builder program holding each
// file's diagnostics. A step's tree is then checked by a new program over the same files in which
// only the files whose text differs are parsed again, and TypeScript's builder re-checks only
// those and the files their declarations can reach (the affected-files logic of
// `tsc --incremental`); every other file's diagnostics come from the baseline. What it prints and
// its exit status are a cold tsc's on the step's tree.
//
// Nothing is trusted from memory that the step could have changed: each check reads every file of
// the program again from the step's tree (reading is ~1 % of a cold check) and re-resolves every
// import, so a body edit, a new or deleted file and an edited package.json are all seen. A changed
// tsconfig (or a file it extends) changes the program's options: that step is checked from cold,
// and nothing of it is kept.
//
// The TypeScript is the baseline project's (its node_modules/typescript), loaded once when the
// process starts: a step cannot swap it. A step whose own node_modules/typescript resolves to
// another package (a step that upgrades TypeScript) is answered `{ "fallback": … }`: the caller
// checks it from cold with that step's TypeScript (tsc-check.mjs); so is a step whose tsconfig
// extends a generated file it lacks (tsc-check.mjs generates it in the tree; this process only reads it).
// A workspace monorepo whose root has no tsconfig.json, which tsc-check.mjs checks package by
// package (each with the TypeScript its folder resolves), is answered `fallback` from the first
// answer on, for the baseline and every step alike: this process keeps one program of one
// TypeScript, and a verdict must compare a step with a baseline checked the same way.
//
// Protocol (`node tsc-kept.mjs --serve BASELINE_DIR`): one JSON object a line on stdin, one
// answer a line on stdout, in order:
//   { "id": 1, "root": "/scratch/step-3" }  →  { "id": 1, "exitCode": 2, "output": "…", "mode": "incremental", "cpuMs": 412 }
// The first answer (id 0) is the baseline's own check. Diagnostics are printed relative to the
// step's root, as tsc run there prints them.
// Plain JavaScript with no dependencies, because it runs with `node` inside the project's sandbox.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { generateMissing, missingGenerated } from './generated-files.mjs';
import { workspacePackages } from './workspace-packages.mjs';

/** The project's TypeScript, resolved as `tsc -p .` in `root` finds it; undefined when it has none. */
export function projectTypeScriptDir(root) {
  try {
    return realpathSync(dirname(createRequire(join(root, 'package.json')).resolve('typescript/package.json')));
  } catch {
    return undefined;
  }
}

/** Loads the TypeScript package in `dir` (from projectTypeScriptDir). */
export function loadTypeScript(dir) {
  return createRequire(join(dir, 'package.json'))(dir);
}

/** The projects tsc-check.mjs checks in `root`: `.`, or each reference of a solution tsconfig.json. */
function projectsOf(ts, root) {
  const file = join(root, 'tsconfig.json');
  if (!existsSync(file)) return [];
  const { config } = ts.readConfigFile(file, (path) => readFileSync(path, 'utf8'));
  const references = Array.isArray(config?.references) ? config.references.map((r) => r?.path).filter((p) => typeof p === 'string') : [];
  const solution = Array.isArray(config?.files) && config.files.length === 0 && config.include === undefined;
  if (!solution || references.length === 0) return ['.'];
  return references.map((path) => (path.endsWith('.json') ? path : join(path, 'tsconfig.json')));
}

/** The workspace packages with a tsconfig.json that tsc-check.mjs checks in `root`, when its root has none; else []. */
export function checkedPackages(root) {
  if (existsSync(join(root, 'tsconfig.json'))) return [];
  return workspacePackages(root).filter((dir) => existsSync(join(root, dir, 'tsconfig.json')));
}

const hash = (text) => createHash('sha256').update(text).digest('base64');

/**
 * The kept checker of one project tree. `check(root)` gives tsc's output and exit status for the
 * tree at `root` (the baseline's, then each step's, in any order); the first call must be the baseline's.
 */
export function createKeptChecker(ts, baselineRoot) {
  // Every program sees the tree at the baseline's path (`home`), whatever folder the step's tree is
  // in: a kept SourceFile carries its file name, so only under one name can it be reused. The host
  // reads `home/x` from `root/x`, and output is written with the step's own paths.
  const home = realpathSync(baselineRoot);
  /** The baseline's source files: project index and file name → { key, file }. Steps read it, never write it. */
  const kept = new Map();
  /** Per project of the baseline: its config's identity and its builder program. */
  let baseline;

  function check(rootDir) {
    const cpuStart = process.cpuUsage();
    const root = realpathSync(rootDir);
    const isBaseline = baseline === undefined;
    const projects = projectsOf(ts, root);
    const configs = projects.map((project) => parseProject(ts, home, root, project));
    const configKey = JSON.stringify([projects, configs.map((c) => c.identity)]);
    const cold = !isBaseline && configKey !== baseline.configKey;
    const mode = isBaseline ? 'baseline' : cold ? 'cold' : 'incremental';
    const fresh = new Map(); // this check's own parses: never kept for another step
    const lines = [];
    let diagnosticsCount = 0;
    const builders = [];
    for (const [index, config] of configs.entries()) {
      const host = createHost(ts, config.parsed.options, home, root, (fileName, key, parse) => {
        // Per project: a file is bound with its project's options (strictness), so two projects never share one.
        const name = `${index}:${fileName}`;
        const known = (cold ? undefined : kept.get(name)) ?? fresh.get(name);
        if (known !== undefined && known.key === key) return known.file;
        const file = parse();
        (isBaseline ? kept : fresh).set(name, { key, file });
        return file;
      });
      const program = ts.createProgram({
        rootNames: config.parsed.fileNames,
        options: config.parsed.options,
        projectReferences: config.parsed.projectReferences,
        host,
        configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(config.parsed),
      });
      const builder = ts.createSemanticDiagnosticsBuilderProgram(program, host, mode === 'incremental' ? baseline.builders[index] : undefined);
      builders.push(builder);
      // No emit: with --noEmit the program's emit would check every file again (outside the builder) to write nothing.
      const diagnostics = ts.sortAndDeduplicateDiagnostics(programDiagnostics(ts, builder));
      if (isBaseline) seedSignatures(ts, builder, host);
      diagnosticsCount += diagnostics.length;
      for (const diagnostic of diagnostics) lines.push(formatDiagnostic(ts, diagnostic, home, root));
    }
    if (isBaseline) baseline = { configKey, builders };
    // tsc --noEmit's exit status: 2 (DiagnosticsPresent_OutputsGenerated) whenever it reports any.
    const exitCode = diagnosticsCount === 0 ? 0 : 2;
    const cpu = process.cpuUsage(cpuStart);
    return { exitCode, output: lines.join(''), mode, projects: projects.length, cpuMs: Math.round((cpu.user + cpu.system) / 1000) };
  }

  return { check, home, version: ts.version };
}

/**
 * Every file's declaration signature in the baseline's builder state. TypeScript computes one only
 * for a file that changed, and reads a missing one (or the file's version, which the baseline's
 * first check stores instead) as a change: a step's edit would then re-check
 * everything downstream of the file it edited (half the project, for a body edit) instead of
 * stopping where the declarations stop changing. The same function the builder uses, once per run.
 * It is TypeScript's internal API: where it is missing, steps are still checked right, only slower.
 */
function seedSignatures(ts, builder, host) {
  const state = builder.state ?? builder.getState?.();
  const compute = ts.BuilderState?.computeDtsSignature;
  if (state?.fileInfos === undefined || typeof compute !== 'function') return;
  const program = builder.getProgram();
  for (const file of program.getSourceFiles()) {
    const info = state.fileInfos.get(file.resolvedPath);
    // The baseline's own check left each file's version there: a step's new declaration never equals that.
    if (info !== undefined && !file.isDeclarationFile) compute(program, file, undefined, host, (signature) => (info.signature = signature));
  }
}

/** The project's parsed tsconfig, as `tsc --noEmit -p PROJECT` reads it in `root`, seen at `home`. */
function parseProject(ts, home, root, project) {
  const mapped = mapper(home, root);
  const configHost = {
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
    getCurrentDirectory: () => home,
    fileExists: (path) => ts.sys.fileExists(mapped.toReal(path)),
    readFile: (path) => ts.sys.readFile(mapped.toReal(path)),
    readDirectory: (path, extensions, excludes, includes, depth) =>
      ts.sys.readDirectory(mapped.toReal(path), extensions, excludes, includes, depth).map(mapped.toHome),
    onUnRecoverableConfigFileDiagnostic: () => {},
  };
  const configFile = project.endsWith('.json') ? resolve(home, project) : resolve(home, project, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(configFile, { noEmit: true }, configHost);
  if (parsed === undefined) throw new Error(`tsc-kept: cannot read ${relative(home, configFile)}`);
  // What decides the options: the text of the config and of every file it extends.
  const sources = [configFile, ...(parsed.options.configFile?.extendedSourceFiles ?? [])];
  const identity = sources.map((file) => [relative(home, file), hash(ts.sys.readFile(mapped.toReal(file)) ?? '')]);
  return { parsed, identity };
}

/** Paths seen at `home` ↔ the same paths in the step's tree at `root`. */
function mapper(home, root) {
  const inside = (path, dir) => path === dir || path.startsWith(dir + sep) || path.startsWith(dir + '/');
  return {
    toReal: (path) => (root !== home && inside(path, home) ? root + path.slice(home.length) : path),
    toHome: (path) => (root !== home && inside(path, root) ? home + path.slice(root.length) : path),
  };
}

/**
 * A compiler host over the step's tree at `home`'s paths; source files come through `sourceFile`,
 * which reuses a kept one when its text and parse settings are the same.
 */
function createHost(ts, options, home, root, sourceFile) {
  const host = ts.createCompilerHost(options, true);
  const { toReal, toHome } = mapper(home, root);
  host.getCurrentDirectory = () => home;
  host.fileExists = (path) => ts.sys.fileExists(toReal(path));
  host.readFile = (path) => ts.sys.readFile(toReal(path));
  host.directoryExists = (path) => ts.sys.directoryExists(toReal(path));
  host.getDirectories = (path) => ts.sys.getDirectories(toReal(path));
  host.realpath = (path) => toHome(ts.sys.realpath(toReal(path)));
  host.getSourceFile = (fileName, settings, onError) => {
    let text;
    try {
      text = ts.sys.readFile(toReal(fileName));
    } catch (error) {
      onError?.(error.message);
      return undefined;
    }
    if (text === undefined) return undefined;
    const version = hash(text);
    const opts = typeof settings === 'object' ? settings : { languageVersion: settings };
    const key = `${version}|${opts.languageVersion}|${opts.impliedNodeFormat}|${opts.jsDocParsingMode}`;
    return sourceFile(fileName, key, () => {
      const file = ts.createSourceFile(fileName, text, settings, false);
      file.version = version; // the builder compares files by it
      return file;
    });
  };
  return host;
}

/** The diagnostics `tsc -p` reports, in its order (executeCommandLine's emitFilesAndReportErrors). */
function programDiagnostics(ts, builder) {
  const options = builder.getCompilerOptions();
  const all = builder.getConfigFileParsingDiagnostics().slice();
  const configCount = all.length;
  all.push(...builder.getSyntacticDiagnostics());
  if (all.length === configCount) {
    all.push(...builder.getOptionsDiagnostics());
    all.push(...builder.getGlobalDiagnostics());
    if (all.length === configCount) all.push(...builder.getSemanticDiagnostics());
    if (options.noEmit && ts.getEmitDeclarations?.(options) && all.length === configCount) all.push(...builder.getDeclarationDiagnostics());
  }
  return all;
}

/** One diagnostic as `tsc --pretty false` run in `root` prints it. */
function formatDiagnostic(ts, diagnostic, home, root) {
  const fileName = diagnostic.file?.fileName;
  // A file of the tree is named from its root; one outside it (node_modules, the lib) from the step's folder.
  const inTree = fileName !== undefined && !relative(home, fileName).startsWith('..');
  const text = ts.formatDiagnostic(diagnostic, {
    getCurrentDirectory: () => (inTree ? home : root),
    getNewLine: () => '\n',
    getCanonicalFileName: (name) => (ts.sys.useCaseSensitiveFileNames ? name : name.toLowerCase()),
  });
  return root === home ? text : text.replaceAll(home + '/', root + '/');
}

/** `--serve DIR`: the baseline's answer (id 0), then one answer per request line. */
async function serve(baselineRoot) {
  const write = (answer) => process.stdout.write(`${JSON.stringify(answer)}\n`);
  const packages = checkedPackages(baselineRoot);
  if (packages.length > 0) {
    write({ id: 0, fallback: `a workspace checked package by package (${packages.join(', ')}): tsc-check.mjs checks it` });
    process.exit(0);
  }
  const typescriptDir = projectTypeScriptDir(baselineRoot);
  if (typescriptDir === undefined) {
    write({ id: 0, error: 'the project has no TypeScript of its own (node_modules/typescript)' });
    process.exit(2);
  }
  // As tsc-check.mjs: a generated file tsconfig.json extends (SvelteKit's) is made in the baseline's tree.
  generateMissing(baselineRoot);
  const ts = loadTypeScript(typescriptDir);
  const checker = createKeptChecker(ts, baselineRoot);
  write({ id: 0, typescript: ts.version, ...checker.check(baselineRoot) });
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    let request;
    try {
      request = JSON.parse(line);
    } catch {
      write({ error: `not a JSON request: ${line.slice(0, 100)}` });
      continue;
    }
    const { id, root } = request;
    try {
      const own = projectTypeScriptDir(root);
      // A step's tree is read-only here: what tsc-check.mjs would generate in it, it generates there.
      const missing = missingGenerated(root);
      const packages = checkedPackages(root);
      if (packages.length > 0) write({ id, fallback: `a workspace checked package by package (${packages.join(', ')})` });
      else if (own !== typescriptDir) write({ id, fallback: `the step's TypeScript (${own ?? 'none'}) is not the baseline's (${typescriptDir})` });
      else if (missing.length > 0) write({ id, fallback: `generated files missing: ${missing.join(', ')}` });
      else write({ id, ...checker.check(root) });
    } catch (error) {
      write({ id, error: error instanceof Error ? error.message : String(error) });
    }
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.argv[2] === '--serve') {
  await serve(resolve(process.argv[3] ?? '.'));
}
