import { describe, expect, it } from 'vitest';
import { isCodemigrateError } from '../core/errors.js';
import type { RepoPath } from '../core/paths.js';
import type { Config, ModuleGrouping, Recipe } from '../core/recipe.js';
import { buildPlan, type PlanInput } from './build-plan.js';

const CONFIG: Config = { recipes: {}, concurrency: 2, branchPrefix: 'codemigrate', exclude: [], neverSendToModel: [] };

function recipe(modules: Partial<Recipe['modules']> = {}, rest: Partial<Recipe> = {}): Recipe {
  return {
    id: 'jest-to-vitest',
    description: 'test',
    file: '/recipes/jest-to-vitest.json',
    hash: 'f'.repeat(64),
    parts: {},
    bytesHash: 'e'.repeat(64),
    builtin: true,
    modules: { by: 'directory', include: ['**/*.test.ts'], exclude: ['**/node_modules/**'], maxFilesPerStep: 40, ...modules },
    setup: [],
    finish: [],
    steps: [{ kind: 'codemod', name: './t.ts', resolved: '/t.ts', engine: 'jscodeshift', options: {}, field: 'steps[0]' }],
    verify: [],
    isolation: 'independent',
    ...rest,
  };
}

type Files = Record<string, string | { mode: string; text?: string }>;

function input(files: Files, options: { recipe?: Recipe; config?: Config } = {}): PlanInput {
  const entries = Object.entries(files);
  return {
    recipe: options.recipe ?? recipe(),
    config: options.config ?? CONFIG,
    sourceCommit: 'a'.repeat(40),
    files: entries.map(([path, file]) => ({ path: path as RepoPath, mode: typeof file === 'string' ? '100644' : file.mode })),
    readText: (path) => {
      const file = files[path];
      return typeof file === 'string' ? file : file?.text;
    },
  };
}

/** module → files, the shape most tests compare. */
const modulesOf = (plan: ReturnType<typeof buildPlan>) => Object.fromEntries(plan.steps.map((step) => [step.module, step.files]));
const idsOf = (plan: ReturnType<typeof buildPlan>) => plan.steps.map((step) => step.id);

const byGrouping = (by: ModuleGrouping) => recipe({ by });

describe('buildPlan: candidates', () => {
  it('takes regular files that include matches and no exclude matches', () => {
    const plan = buildPlan(
      input(
        {
          'src/a.test.ts': '',
          'src/run.test.ts': { mode: '100755' },
          'src/link.test.ts': { mode: '120000' },
          'vendor.test.ts': { mode: '160000' },
          'src/a.ts': '',
          'node_modules/x/y.test.ts': '',
          'src/generated/g.test.ts': '',
          'lib/legacy/l.test.ts': '',
          '.storybook/s.test.ts': '',
        },
        {
          recipe: recipe({ exclude: ['**/node_modules/**', '**/generated/**'] }),
          config: { ...CONFIG, exclude: ['lib/legacy/**'] },
        },
      ),
    );
    expect(modulesOf(plan)).toEqual({ '.storybook': ['.storybook/s.test.ts'], src: ['src/a.test.ts', 'src/run.test.ts'] });
  });

  it("adds the globs modules.includeFrom read from the project, still under the excludes", () => {
    const files = { 'test/counterTest.js': '', 'test/helpers.js': '', 'src/a.test.ts': '', 'node_modules/x/yTest.js': '' };
    const plan = buildPlan({ ...input(files), include: ['**/*Test.js'] });
    expect(modulesOf(plan)).toEqual({ src: ['src/a.test.ts'], test: ['test/counterTest.js'] });
  });

  it('gives a plan with no steps when nothing matches', () => {
    expect(buildPlan(input({ 'src/a.ts': '' })).steps).toEqual([]);
  });
});

describe('buildPlan: grouping', () => {
  const files: Files = {
    'root.test.ts': '',
    'src/a.test.ts': '',
    'src/b.test.ts': '',
    'src/deep/c.test.ts': '',
  };

  it('directory: files grouped by their immediate folder, "." for the root', () => {
    const plan = buildPlan(input(files, { recipe: byGrouping('directory') }));
    expect(modulesOf(plan)).toEqual({
      '.': ['root.test.ts'],
      src: ['src/a.test.ts', 'src/b.test.ts'],
      'src/deep': ['src/deep/c.test.ts'],
    });
    expect(idsOf(plan)).toEqual(['root', 'src', 'src-deep']);
  });

  it('directory: snapshots go with the tests beside their __snapshots__ folder', () => {
    const snapshots: Files = { 'src/a.test.ts': '', 'src/__snapshots__/a.test.ts.snap': '', '__snapshots__/root.snap': '' };
    const plan = buildPlan(input(snapshots, { recipe: recipe({ include: ['**/*.test.ts', '**/*.snap'] }) }));
    expect(modulesOf(plan)).toEqual({ '.': ['__snapshots__/root.snap'], src: ['src/__snapshots__/a.test.ts.snap', 'src/a.test.ts'] });
  });

  it('file: one module per file', () => {
    const plan = buildPlan(input(files, { recipe: byGrouping('file') }));
    expect(plan.steps.map((step) => [step.id, step.module, step.files])).toEqual([
      ['root.test.ts', 'root.test.ts', ['root.test.ts']],
      ['src-a.test.ts', 'src/a.test.ts', ['src/a.test.ts']],
      ['src-b.test.ts', 'src/b.test.ts', ['src/b.test.ts']],
      ['src-deep-c.test.ts', 'src/deep/c.test.ts', ['src/deep/c.test.ts']],
    ]);
  });

  it('package without workspaces: everything is the root package', () => {
    const plan = buildPlan(input({ ...files, 'package.json': '{"name":"x"}' }, { recipe: byGrouping('package') }));
    expect(modulesOf(plan)).toEqual({ '.': ['root.test.ts', 'src/a.test.ts', 'src/b.test.ts', 'src/deep/c.test.ts'] });
  });

  const monorepo: Files = {
    'packages/ui/package.json': '{}',
    'packages/ui/src/button.test.ts': '',
    'packages/ui/widgets/package.json': '{}',
    'packages/ui/widgets/w.test.ts': '',
    'packages/core/package.json': '{}',
    'packages/core/c.test.ts': '',
    'packages/private/package.json': '{}',
    'packages/private/p.test.ts': '',
    'packages/no-manifest/n.test.ts': '',
    'tools/t.test.ts': '',
  };

  it('package, npm workspaces array: nested packages win, files outside go to "."', () => {
    const plan = buildPlan(
      input({ ...monorepo, 'package.json': JSON.stringify({ workspaces: ['packages/*', 'packages/ui/widgets'] }) }, { recipe: byGrouping('package') }),
    );
    expect(modulesOf(plan)).toEqual({
      '.': ['packages/no-manifest/n.test.ts', 'tools/t.test.ts'],
      'packages/core': ['packages/core/c.test.ts'],
      'packages/private': ['packages/private/p.test.ts'],
      'packages/ui': ['packages/ui/src/button.test.ts'],
      'packages/ui/widgets': ['packages/ui/widgets/w.test.ts'],
    });
    expect(idsOf(plan)).toEqual(['root', 'packages-core', 'packages-private', 'packages-ui', 'packages-ui-widgets']);
  });

  it('package, yarn workspaces object with a "./" glob', () => {
    const plan = buildPlan(
      input({ ...monorepo, 'package.json': JSON.stringify({ workspaces: { packages: ['./packages/core/'], nohoist: ['**'] } }) }, {
        recipe: byGrouping('package'),
      }),
    );
    expect(Object.keys(modulesOf(plan))).toEqual(['.', 'packages/core']);
  });

  it('package, pnpm-workspace.yaml with a negation wins over package.json', () => {
    const plan = buildPlan(
      input(
        {
          ...monorepo,
          'package.json': JSON.stringify({ workspaces: ['tools'] }),
          'pnpm-workspace.yaml': "packages:\n  - 'packages/**'\n  - '!packages/private'\n",
        },
        { recipe: byGrouping('package') },
      ),
    );
    expect(Object.keys(modulesOf(plan))).toEqual(['.', 'packages/core', 'packages/ui', 'packages/ui/widgets']);
    expect(modulesOf(plan)['.']).toEqual(['packages/no-manifest/n.test.ts', 'packages/private/p.test.ts', 'tools/t.test.ts']);
  });

  it('package: a package.json inside node_modules is no workspace package', () => {
    const plan = buildPlan(
      input(
        { 'package.json': '{"workspaces":["**"]}', 'a/package.json': '{}', 'a/node_modules/dep/package.json': '{}', 'a/node_modules/dep/x.test.ts': '', 'a/y.test.ts': '' },
        { recipe: recipe({ by: 'package', exclude: [] }) },
      ),
    );
    expect(modulesOf(plan)).toEqual({ a: ['a/node_modules/dep/x.test.ts', 'a/y.test.ts'] });
  });

  it('package: an unreadable package.json is a repository error', () => {
    let caught: unknown;
    try {
      buildPlan(input({ 'package.json': '{', 'a.test.ts': '' }, { recipe: byGrouping('package') }));
    } catch (error) {
      caught = error;
    }
    expect(isCodemigrateError(caught) && caught.code).toBe('repo');
    expect(() => buildPlan(input({ 'package.json': '{"workspaces":"x"}', 'a.test.ts': '' }, { recipe: byGrouping('package') }))).toThrow(
      'package.json: workspaces: expected a list of globs or { "packages": [...] }',
    );
  });
});

describe('buildPlan: chunks, order, dependencies', () => {
  const many = Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`src/f${String(i).padStart(2, '0')}.test.ts`, '']));

  it('splits a module of 41 files into chunks of 40 and 1, in path order', () => {
    const plan = buildPlan(input({ ...many, 'lib/x.test.ts': '' }));
    expect(plan.steps.map((step) => [step.id, step.module, step.chunk, step.files.length])).toEqual([
      ['lib', 'lib', 1, 1],
      ['src-1', 'src', 1, 40],
      ['src-2', 'src', 2, 1],
    ]);
    expect(plan.steps[1]?.files[0]).toBe('src/f00.test.ts');
    expect(plan.steps[2]?.files).toEqual(['src/f40.test.ts']);
  });

  it('independent steps depend on nothing; stacked steps on the one before', () => {
    const files = { 'a/x.test.ts': '', 'b/x.test.ts': '', 'c/x.test.ts': '' };
    expect(buildPlan(input(files)).steps.map((step) => step.dependsOn)).toEqual([[], [], []]);
    const stacked = buildPlan(input(files, { recipe: recipe({}, { isolation: 'stacked' }) }));
    expect(stacked.steps.map((step) => step.dependsOn)).toEqual([[], ['a'], ['b']]);
  });

  it('carries the plan fields', () => {
    const withSetup = recipe({}, { setup: [{ kind: 'codemod', name: './s.ts', resolved: '/s.ts', engine: 'ts-morph', options: {}, files: ['package.json'], field: 'setup[0]' }] });
    const plan = buildPlan(input({ 'a/x.test.ts': '' }, { recipe: withSetup }));
    expect({ ...plan, steps: undefined }).toEqual({
      recipeId: 'jest-to-vitest',
      recipeHash: 'f'.repeat(64),
      sourceCommit: 'a'.repeat(40),
      isolation: 'independent',
      hasSetup: true,
      steps: undefined,
    });
    expect(buildPlan(input({ 'a/x.test.ts': '' })).hasSetup).toBe(false);
  });

  it('gives the same plan, byte for byte, for shuffled input and on every call', () => {
    const files: Files = { ...many, 'A/b.test.ts': '', 'a-b/c.test.ts': '', 'a/b/c.test.ts': '', 'base/x.test.ts': '', 'x.test.ts': '' };
    const entries = Object.entries(files);
    const shuffled = Object.fromEntries([...entries.slice(17), ...entries.slice(0, 17).reverse()]);
    const stackedRecipe = recipe({ maxFilesPerStep: 7 }, { isolation: 'stacked' });
    const first = JSON.stringify(buildPlan(input(files, { recipe: stackedRecipe })));
    expect(JSON.stringify(buildPlan(input(files, { recipe: stackedRecipe })))).toBe(first);
    expect(JSON.stringify(buildPlan(input(shuffled, { recipe: stackedRecipe })))).toBe(first);
  });

  it('keeps the ids of untouched modules when another module gains files', () => {
    const before = buildPlan(input({ 'a/x.test.ts': '', 'b/x.test.ts': '' }));
    const after = buildPlan(input({ 'a/x.test.ts': '', 'a/y.test.ts': '', 'b/x.test.ts': '', 'c/x.test.ts': '' }));
    expect(idsOf(after).filter((id) => idsOf(before).includes(id))).toEqual(['a', 'b']);
  });
});

describe('buildPlan: files no step takes (modules.includeFrom exclude)', () => {
  it('leaves them out of every module, a folder left empty with no step; the rest plans as before', () => {
    const files: Files = { '__mocks__/axios.js': '', 'src/__mocks__/api.js': '', 'src/api.test.js': '', 'lib/__mocks__/zustand.ts': '' };
    const include = recipe({ include: ['**/*.test.js', '**/__mocks__/**'] });
    expect(modulesOf(buildPlan(input(files, { recipe: include })))).toEqual({
      __mocks__: ['__mocks__/axios.js'],
      'lib/__mocks__': ['lib/__mocks__/zustand.ts'],
      'src': ['src/api.test.js'],
      'src/__mocks__': ['src/__mocks__/api.js'],
    });
    const plan = buildPlan({ ...input(files, { recipe: include }), exclude: ['__mocks__/axios.js', 'lib/__mocks__/zustand.ts'] });
    expect(modulesOf(plan)).toEqual({ src: ['src/api.test.js'], 'src/__mocks__': ['src/__mocks__/api.js'] });
  });
});

describe('buildPlan: files that must share a step (modules.includeFrom together)', () => {
  const luxon: Files = {
    'test/helpers.js': '',
    'test/datetime/create.test.js': '',
    'test/datetime/plain.test.js': '',
    'test/datetime/__snapshots__/create.test.js.snap': '',
    'test/info/zones.test.js': '',
    'test/zones/local.test.js': '',
  };
  const withSnapshots = recipe({ include: ['**/*.test.js', '**/*.snap'] });

  it("moves a helper and the tests of other folders that import it into one module, named by the deepest folder holding them; their snapshots follow", () => {
    const plan = buildPlan({ ...input(luxon, { recipe: withSnapshots }), include: ['test/helpers.js'], together: [['test/helpers.js', 'test/datetime/create.test.js', 'test/info/zones.test.js']] });
    expect(modulesOf(plan)).toEqual({
      test: ['test/datetime/__snapshots__/create.test.js.snap', 'test/datetime/create.test.js', 'test/helpers.js', 'test/info/zones.test.js'],
      'test/datetime': ['test/datetime/plain.test.js'],
      'test/zones': ['test/zones/local.test.js'],
    });
    expect(idsOf(plan)).toEqual(['test', 'test-datetime', 'test-zones']);
  });

  it('joins groups that share a file; ignores files that are no candidates; a group with nothing in common goes to the root', () => {
    const files: Files = { 'a/h.test.js': '', 'b/x.test.js': '', 'c/y.test.js': '', 'd/z.test.js': '', 'lib/h.js': '' };
    const plan = buildPlan({ ...input(files, { recipe: recipe({ include: ['**/*.test.js'] }) }), together: [['lib/h.js', 'a/h.test.js', 'b/x.test.js'], ['b/x.test.js', 'c/y.test.js']] });
    expect(modulesOf(plan)).toEqual({ '.': ['a/h.test.js', 'b/x.test.js', 'c/y.test.js'], d: ['d/z.test.js'] });
  });

  it('keeps a group (and a snapshot with its test) in one chunk of a large module, and a group larger than a step whole', () => {
    const files: Files = Object.fromEntries(Array.from({ length: 5 }, (_, index) => [`t/f${index}.test.js`, '']));
    files['t/__snapshots__/f4.test.js.snap'] = '';
    const small = recipe({ include: ['**/*.test.js', '**/*.snap'], maxFilesPerStep: 2 });
    const plain = buildPlan(input(files, { recipe: small }));
    expect(plain.steps.map((step) => step.files)).toEqual([
      ['t/__snapshots__/f4.test.js.snap', 't/f4.test.js'],
      ['t/f0.test.js', 't/f1.test.js'],
      ['t/f2.test.js', 't/f3.test.js'],
    ]);
    const grouped = buildPlan({ ...input(files, { recipe: small }), together: [['t/f0.test.js', 't/f2.test.js', 't/f3.test.js']] });
    expect(grouped.steps.map((step) => step.files)).toEqual([
      ['t/__snapshots__/f4.test.js.snap', 't/f4.test.js'],
      ['t/f0.test.js', 't/f2.test.js', 't/f3.test.js'],
      ['t/f1.test.js'],
    ]);
  });

  it('changes nothing without groups, or with groups inside one module', () => {
    const plain = buildPlan(input(luxon, { recipe: withSnapshots }));
    const inside = buildPlan({ ...input(luxon, { recipe: withSnapshots }), together: [['test/datetime/create.test.js', 'test/datetime/plain.test.js']] });
    expect(inside.steps).toEqual(plain.steps);
    expect(modulesOf(plain)).toEqual({
      'test/datetime': ['test/datetime/__snapshots__/create.test.js.snap', 'test/datetime/create.test.js', 'test/datetime/plain.test.js'],
      'test/info': ['test/info/zones.test.js'],
      'test/zones': ['test/zones/local.test.js'],
    });
  });
});
