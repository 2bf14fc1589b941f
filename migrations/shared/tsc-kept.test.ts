// tsc-kept.mjs run for real, as a process spoken to over stdin/stdout: one checker kept from the
// baseline checks step trees in other folders (as scratch worktrees are), one after another, and
// each answer must be byte for byte what a cold `tsc --noEmit --pretty false -p .` prints in that
// tree, with its exit status.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../test/helpers/temp-repo.js';

const TSC_KEPT = join(dirname(fileURLToPath(import.meta.url)), 'tsc-kept.mjs');
const TYPESCRIPT = dirname(createRequire(import.meta.url).resolve('typescript/package.json'));

const tempDir = useTempDirs();

interface Answer {
  id: number;
  exitCode?: number;
  output?: string;
  mode?: string;
  fallback?: string;
  error?: string;
}

/** The kept checker of `baseline`, and a function that asks it to check a tree. */
function startChecker(baseline: string): { first: Promise<Answer>; check(root: string): Promise<Answer>; child: ChildProcessWithoutNullStreams } {
  const child = spawn(process.execPath, [TSC_KEPT, '--serve', baseline], { stdio: 'pipe' });
  children.push(child);
  const waiting: ((answer: Answer) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => waiting.shift()?.(JSON.parse(line) as Answer));
  const next = () => new Promise<Answer>((resolve) => waiting.push(resolve));
  const first = next();
  let id = 0;
  return {
    first,
    child,
    check(root) {
      id += 1;
      const answer = next();
      child.stdin.write(`${JSON.stringify({ id, root })}\n`);
      return answer;
    },
  };
}

const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

/** What a cold tsc says in `dir`. */
function coldTsc(dir: string): { exitCode: number | null; output: string } {
  const run = spawnSync(process.execPath, [join(TYPESCRIPT, 'bin/tsc'), '--noEmit', '--pretty', 'false', '-p', '.'], { cwd: dir, encoding: 'utf8' });
  return { exitCode: run.status, output: run.stdout };
}

/**
 * a.ts exports a type and a function, b.ts and c.ts import them, d.ts imports a module that does
 * not exist yet (an error in the baseline), e.ts uses import.meta, which a CommonJS package refuses;
 * g.ts reads a's type through f.ts.
 */
function project(dir: string): void {
  writeFileSync(join(dir, 'package.json'), '{ "name": "p", "private": true }\n');
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, target: 'es2022', lib: ['es2022'], module: 'nodenext', types: [] }, include: ['src'] }));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src/a.ts'), 'export interface Item { id: number; name: string }\nexport function label(item: Item): string {\n  return `${item.id}: ${item.name}`;\n}\n');
  writeFileSync(join(dir, 'src/b.ts'), "import { label, type Item } from './a.js';\nexport const first: string = label({ id: 1, name: 'one' } satisfies Item);\n");
  writeFileSync(join(dir, 'src/c.ts'), "import { label } from './a.js';\nexport const second = label({ id: 2, name: 'two' }).length;\n");
  writeFileSync(join(dir, 'src/d.ts'), "import { later } from './later.js';\nexport const n: number = later();\n");
  writeFileSync(join(dir, 'src/e.ts'), 'export const here: string = import.meta.url;\n');
  // A type that reaches g.ts only through f.ts: a's change must re-check a file two imports away.
  writeFileSync(join(dir, 'src/f.ts'), "import type { Item } from './a.js';\nexport type Box = { item: Item };\n");
  writeFileSync(join(dir, 'src/g.ts'), "import type { Box } from './f.js';\nexport const box: Box = { item: { id: 1, name: 'x' } };\n");
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(TYPESCRIPT, join(dir, 'node_modules/typescript'));
}

/** Step edits on a copy of the baseline's tree, each checked by the kept checker and by cold tsc. */
const EDITS: Record<string, { edit(dir: string): void; mode: 'incremental' | 'cold' }> = {
  'a function body': {
    mode: 'incremental',
    edit: (dir) => writeFileSync(join(dir, 'src/a.ts'), 'export interface Item { id: number; name: string }\nexport function label(item: Item): string {\n  const id: string = item.id;\n  return `${item.name} (${id})`;\n}\n'),
  },
  'an exported type that breaks an importer it did not change': {
    mode: 'incremental',
    edit: (dir) => writeFileSync(join(dir, 'src/a.ts'), 'export interface Item { id: number; name: string; tags: string[] }\nexport function label(item: Item): number {\n  return item.id;\n}\n'),
  },
  'an exported type that breaks a file two imports away': {
    mode: 'incremental',
    edit: (dir) => writeFileSync(join(dir, 'src/a.ts'), 'export interface Item { id: number; name: string; tags: string[] }\nexport function label(item: { id: number; name: string }): string {\n  return `${item.id}: ${item.name}`;\n}\n'),
  },
  'a new file that an import was missing': { mode: 'incremental', edit: (dir) => writeFileSync(join(dir, 'src/later.ts'), "export function later(): string {\n  return 'later';\n}\n") },
  'a deleted file': { mode: 'incremental', edit: (dir) => rmSync(join(dir, 'src/a.ts')) },
  'package.json made an ES module package': { mode: 'incremental', edit: (dir) => writeFileSync(join(dir, 'package.json'), '{ "name": "p", "private": true, "type": "module" }\n') },
  'a tsconfig change': {
    mode: 'cold',
    edit: (dir) => writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, target: 'es2022', lib: ['es2022'], module: 'nodenext', types: [] }, include: ['src/a.ts', 'src/b.ts', 'src/c.ts'] })),
  },
};

describe('tsc-kept.mjs', () => {
  it("gives each step what a cold tsc gives on the step's tree, whatever was checked before", async () => {
    const baseline = tempDir();
    project(baseline);
    const checker = startChecker(baseline);
    const first = await checker.first;
    expect(first).toMatchObject({ id: 0, mode: 'baseline', ...coldTsc(baseline) });
    expect(first.output).toContain("src/d.ts(1,23): error TS2307: Cannot find module './later.js'");
    expect(first.output).toContain("src/e.ts(1,29): error TS1470");
    const outputs = new Set([first.output]);
    for (const [name, { edit, mode }] of Object.entries(EDITS)) {
      const step = tempDir();
      cpSync(baseline, step, { recursive: true });
      edit(step);
      const cold = coldTsc(step);
      if (name.includes('two imports away')) expect(cold.output).toContain("src/g.ts(2,27): error TS2741: Property 'tags' is missing");
      outputs.add(cold.output);
      expect({ name, ...(await checker.check(step)) }).toEqual({ name, id: expect.any(Number), mode, projects: 1, cpuMs: expect.any(Number), ...cold });
    }
    // Every edit changed what tsc says: none of these comparisons held by luck.
    expect(outputs.size).toBe(Object.keys(EDITS).length + 1);
    // The baseline's own tree, once more after all the steps: nothing of theirs stayed.
    expect(await checker.check(baseline)).toMatchObject({ mode: 'incremental', ...coldTsc(baseline) });
  });

  it('reads a tree again at every check: the same folder changed between two checks is not answered from the first', async () => {
    const baseline = tempDir();
    project(baseline);
    const checker = startChecker(baseline);
    await checker.first;
    // A scratch worktree the next step reuses: same folder, a file edited after its first check.
    const slot = tempDir();
    cpSync(baseline, slot, { recursive: true });
    EDITS['an exported type that breaks an importer it did not change']!.edit(slot);
    const broken = await checker.check(slot);
    expect(broken).toMatchObject(coldTsc(slot));
    expect(broken.output).toContain("src/b.ts(2,14): error TS2322: Type 'number' is not assignable to type 'string'.");
    cpSync(join(baseline, 'src/a.ts'), join(slot, 'src/a.ts'));
    const fixed = await checker.check(slot);
    expect(fixed).toMatchObject(coldTsc(slot));
    expect(fixed.output).not.toContain('src/b.ts');
  });

  it("checks each referenced project of a solution tsconfig with its own options, as tsc-check.mjs does", async () => {
    const baseline = tempDir();
    project(baseline);
    // The same file in two projects, strict in one only: each reads it with its own options.
    writeFileSync(join(baseline, 'tsconfig.json'), JSON.stringify({ files: [], references: [{ path: './tsconfig.strict.json' }, { path: './tsconfig.loose.json' }] }));
    const options = { target: 'es2022', lib: ['es2022'], module: 'nodenext', types: [] };
    writeFileSync(join(baseline, 'tsconfig.strict.json'), JSON.stringify({ compilerOptions: { ...options, strict: true }, include: ['src/h.ts'] }));
    writeFileSync(join(baseline, 'tsconfig.loose.json'), JSON.stringify({ compilerOptions: { ...options, strict: false }, include: ['src/h.ts'] }));
    writeFileSync(join(baseline, 'src/h.ts'), 'export function twice(n: number) {\n  return n * 2;\n}\n');
    const checker = startChecker(baseline);
    const viaScript = (dir: string) => {
      const run = spawnSync(process.execPath, [join(dirname(TSC_KEPT), 'tsc-check.mjs')], { cwd: dir, encoding: 'utf8' });
      return { exitCode: run.status, output: run.stdout };
    };
    expect(await checker.first).toMatchObject({ projects: 2, ...viaScript(baseline) });
    const step = tempDir();
    cpSync(baseline, step, { recursive: true });
    // An implicit any: an error under strict only, so once and not twice.
    writeFileSync(join(step, 'src/h.ts'), 'export function twice(n) {\n  return n * 2;\n}\n');
    const answer = await checker.check(step);
    expect(answer).toMatchObject({ mode: 'incremental', ...viaScript(step) });
    expect(answer.output).toBe("src/h.ts(1,23): error TS7006: Parameter 'n' implicitly has an 'any' type.\n");
  });

  it("sends a step whose TypeScript is not the baseline's back to a cold check", async () => {
    const baseline = tempDir();
    project(baseline);
    const checker = startChecker(baseline);
    await checker.first;
    const step = tempDir();
    cpSync(baseline, step, { recursive: true });
    const other = tempDir();
    writeFileSync(join(other, 'package.json'), JSON.stringify({ name: 'typescript', version: '9.9.9' }));
    rmSync(join(step, 'node_modules/typescript'));
    symlinkSync(other, join(step, 'node_modules/typescript'));
    expect(await checker.check(step)).toMatchObject({ fallback: expect.stringContaining(other) });
  });
});
