// tsc-check.mjs in a workspace monorepo whose root has no tsconfig.json (turbo, nx): each workspace
// package with a tsconfig.json is checked, its diagnostics named from the root as the verdict keys
// them; tsc-kept.mjs leaves such a layout to it. One fixture, three checks (the first from cold,
// the others from its build info).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Baseline, CheckRun } from '../../src/core/checks.js';
import { parseCheckOutput } from '../../src/verify/parsers/index.js';
import { judgeChecks } from '../../src/verify/verdict.js';
import { useTempDirs } from '../../test/helpers/temp-repo.js';
import { workspacePackages } from './workspace-packages.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const TYPESCRIPT = dirname(createRequire(import.meta.url).resolve('typescript/package.json'));
const RUN = 'node tsc-check.mjs {cache}';

const tempDir = useTempDirs();

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** A package with its own tsconfig.json and a clean src/x.ts (only the es5 lib: less to read). */
function tsPackage(dir: string, name: string): void {
  write(join(dir, 'package.json'), JSON.stringify({ name, private: true }));
  write(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, target: 'es2022', lib: ['es5'], module: 'commonjs', types: [], skipLibCheck: true }, include: ['src'] }));
  write(join(dir, 'src/x.ts'), 'export const n: number = 1;\n');
}

/** tsc-check.mjs run in `cwd`, as the verdict reads it. */
function check(cwd: string, cache: string): CheckRun & { stdout: string } {
  const run = spawnSync(process.execPath, [join(HERE, 'tsc-check.mjs'), cache], { cwd, encoding: 'utf8' });
  const parsed = parseCheckOutput('tsc', { stdout: run.stdout, stderr: run.stderr, cwd, exitCode: run.status });
  if (!parsed.ok) throw new Error(parsed.reason);
  const status = run.status === 0 ? 'passed' : 'failed';
  return { index: 0, key: RUN, parser: 'tsc', result: { command: RUN, status, exitCode: run.status, durationMs: 1, outputTail: '' }, parsed: parsed.parsed, stdout: run.stdout };
}

describe('tsc-check.mjs in a workspace without a root tsconfig.json', () => {
  it("checks each package's tsconfig, names its errors from the root, and a step's error in another package is new to the verdict", async () => {
    const root = tempDir();
    write(join(root, 'package.json'), JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*', '!packages/ignored'] }));
    tsPackage(join(root, 'packages/a'), 'a');
    tsPackage(join(root, 'packages/b'), 'b');
    // Excluded by `!`: its error must not be reported.
    tsPackage(join(root, 'packages/ignored'), 'ignored');
    write(join(root, 'packages/ignored/src/x.ts'), "export const n: number = 'ignored';\n");
    // TypeScript hoisted to the root, as npm, yarn and pnpm's public-hoist leave it: each package resolves it from its folder.
    mkdirSync(join(root, 'node_modules'));
    symlinkSync(TYPESCRIPT, join(root, 'node_modules/typescript'));
    const cache = join(root, '.cache');
    mkdirSync(cache);

    const clean = check(root, cache);
    expect(clean).toMatchObject({ result: { exitCode: 0 }, stdout: '' });
    expect(existsSync(join(cache, 'tsc-packages+a.tsbuildinfo')) && existsSync(join(cache, 'tsc-packages+b.tsbuildinfo'))).toBe(true);

    // The baseline: a has an error. The step: b gets the same error in a file of the same package-relative name.
    const broken = "export const n: number = 'x';\n";
    write(join(root, 'packages/a/src/x.ts'), broken);
    const baselineRun = check(root, cache);
    expect(baselineRun.result.exitCode).not.toBe(0);
    expect(baselineRun.stdout).toMatch(/^packages\/a\/src\/x\.ts\(1,14\): error TS2322: Type 'string' is not assignable to type 'number'\.$/m);
    expect(baselineRun.stdout).not.toContain('ignored');
    write(join(root, 'packages/b/src/x.ts'), broken);
    const stepRun = check(root, cache);
    const baseline: Baseline = { commit: 'c0', takenAt: 't', durationMs: 1, checks: [baselineRun] };
    const verdict = judgeChecks(baseline, [stepRun]);
    expect(verdict.regressions).toEqual([{ kind: 'new-diagnostic', check: RUN, diagnostic: expect.objectContaining({ file: 'packages/b/src/x.ts', code: 'TS2322' }) }]);

    // tsc-kept.mjs leaves this layout to tsc-check.mjs from its first answer: it checks nothing itself.
    const kept = spawn(process.execPath, [join(HERE, 'tsc-kept.mjs'), '--serve', root], { stdio: ['ignore', 'pipe', 'ignore'] });
    const [first] = await createInterface({ input: kept.stdout })[Symbol.asyncIterator]().next().then((line) => [JSON.parse(String(line.value)) as Record<string, unknown>]);
    kept.kill();
    expect(first).toMatchObject({ id: 0, fallback: expect.stringContaining('packages/a, packages/b') });
  });

  it("reads pnpm-workspace.yaml's packages (block or flow, quoted or not) and `**` globs, never entering node_modules", () => {
    const root = tempDir();
    for (const dir of ['apps/web', 'libs/deep/one', 'libs/skip', 'tools/x', 'libs/node_modules/dep']) write(join(root, dir, 'package.json'), '{}');
    write(join(root, 'package.json'), JSON.stringify({ workspaces: ['tools/*'] }));
    write(join(root, 'pnpm-workspace.yaml'), "packages:\n  - 'apps/*'\n  - libs/** # all of them\n  - \"!libs/skip\"\ncatalog:\n  - nope\n");
    expect(workspacePackages(root)).toEqual(['apps/web', 'libs/deep/one']);
    write(join(root, 'pnpm-workspace.yaml'), "packages: ['tools/*', apps/*]\n");
    expect(workspacePackages(root)).toEqual(['apps/web', 'tools/x']);
  });
});
