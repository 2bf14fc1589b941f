import { describe, expect, it } from 'vitest';
import { chooseVitest, projectFacts, strictPeerVite, VITEST_LINES } from './versions.js';

const range = (facts: Parameters<typeof chooseVitest>[0]) => {
  const choice = chooseVitest(facts);
  return choice.status === 'chosen' ? choice.line.range : 'none';
};

describe('chooseVitest', () => {
  it.each([
    [{}, '^4.1.0'],
    [{ vite: '^8.0.0' }, '^4.1.0'],
    [{ vite: '^7.1.0', node: { range: '>=22.12.0', from: 'engines' } }, '^5.1.0'],
    [{ vite: '~6.2.0', node: { range: '24', from: '.nvmrc' } }, '^4.1.0'],
    [{ vite: '^6.4.1', node: { range: '24', from: '.nvmrc' } }, '^5.1.0'],
    [{ vite: '^5.4.0' }, '~3.2.4'],
    [{ vite: '4.3.9' }, '^0.34.6'],
    [{ vite: '^5.0.0', node: { range: '>=16', from: 'engines' } }, '^0.34.6'],
    [{ vite: '^2.9.0' }, 'none'],
    [{ node: { range: '>=12', from: 'engines' } }, '^0.34.6'],
    [{ node: { range: '^12.22.0', from: 'engines' } }, 'none'],
  ])('%j → %s', (facts, expected) => {
    expect(range(facts)).toBe(expected);
  });

  it('takes a Node line without its patch as the newest release of that line, not its first (jsonl-db: 12)', () => {
    const nvmrc = (version: string) => ({ node: { range: version, from: '.nvmrc' } });
    // Vitest 0.34 needs >= 14.18.0: nvm's `14` is 14.21.3, `14.17` is 14.17.6.
    expect(range(nvmrc('14'))).toBe('^0.34.6');
    expect(range(nvmrc('v14'))).toBe('^0.34.6');
    expect(range(nvmrc('14.x'))).toBe('^0.34.6');
    expect(range(nvmrc('lts/fermium'))).toBe('^0.34.6');
    expect(range(nvmrc('14.18'))).toBe('^0.34.6');
    expect(range(nvmrc('14.17'))).toBe('none');
    expect(range(nvmrc('14.0.0'))).toBe('none');
    // Vitest 5.1 needs ^22.12.0: `22` is the newest 22, 22.0.0 is not.
    expect(range({ vite: '^7.0.0', ...nvmrc('22') })).toBe('^5.1.0');
    expect(range({ vite: '^7.0.0', ...nvmrc('22.0.0') })).toBe('^4.1.0');
    // A range keeps its floor: `^14` admits 14.0.0, for which no line is made (0.34 wants 14.18).
    expect(range({ node: { range: '^14', from: 'package.json engines.node' } })).toBe('none');
    const none = chooseVitest(nvmrc('12'));
    expect(none).toMatchObject({ status: 'none', why: expect.stringContaining('node 12 from .nvmrc (the newest of that line: taken as 12.99.99)') });
  });

  it('never picks a line that cannot run on the Node that runs the checks', () => {
    const facts = { vite: '^6.4.1', node: { range: '24', from: '.github/workflows/ci.yml' } };
    expect(range({ ...facts, runningNode: '24.11.0' })).toBe('^5.1.0');
    expect(chooseVitest({ ...facts, runningNode: '20.19.5' })).toMatchObject({ status: 'chosen', line: { range: '^4.1.0' }, why: expect.stringContaining('vitest ^5.1.0 needs node ^22.12.0 || ^24.0.0 || >=26.0.0 and the checks run on Node 20.19.5') });
    expect(range({ vite: '^2.9.0', runningNode: '20.19.5' })).toBe('none');
    expect(range({ node: { range: '>=12', from: 'engines' }, runningNode: '20.19.5' })).toBe('^0.34.6');
  });

  it('keeps to the lines whose declarations the project\'s TypeScript reads, with the @types/node each brings', () => {
    const ts = (version: string) => ({ typescript: { version, from: 'locked in package-lock.json' } });
    expect(range({ ...ts('5.4.5'), typesNode: '17.0.21' })).toBe('^4.1.0');
    expect(range({ ...ts('4.9.5'), typesNode: '20.19.1' })).toBe('^4.1.0');
    // @types/node 20.11 is below Vite 7/8's peer: 4.1 and 3.2 bring the newest (TypeScript 5.0).
    expect(range({ ...ts('4.9.5'), typesNode: '20.11.0' })).toBe('^0.34.6');
    expect(range({ ...ts('4.6.2'), typesNode: '22.15.0' })).toBe('~3.2.4');
    expect(range({ ...ts('4.6.2') })).toBe('~3.2.4');
    // ts-express-supertest: 4.6.2 with @types/node 17.0.21 locked; every line raises @types/node.
    const none = chooseVitest({ ...ts('4.6.2'), typesNode: '17.0.21' });
    expect(none).toMatchObject({ status: 'none', why: expect.stringContaining('typescript 4.6.2 (locked in package-lock.json) cannot read') });
    expect(none.why).toContain('Raise typescript to 5.0.0 or later');
    expect(chooseVitest({ ...ts('4.4.4'), typesNode: '20.19.1' }).why).toContain('Raise typescript to 4.5.0 or later');
    // zod: @types/node 14 named in its package.json: npm keeps it (ERESOLVE, then --legacy-peer-deps).
    expect(range({ ...ts('4.5.5'), typesNode: '14.18.37', typesNodeDeclared: true, node: { range: '16', from: 'CI' } })).toBe('^0.34.6');
    expect(range({ ...ts('4.5.5'), typesNode: '14.18.37', node: { range: '16', from: 'CI' } })).toBe('none');
  });

  it("judges @types/node by the project's own Vite where the line keeps it (svelte-headless-table: Vite 4, TypeScript 4.7, @types/node 17)", () => {
    const locked = { typescript: { version: '4.7.4', from: 'locked in package-lock.json' }, typesNode: '17.0.31', node: { range: '16', from: 'CI' } };
    const svelte = { ...locked, vite: '^4.0.3' };
    // Vite 4's peer is `>= 14` and 0.34 depends on `*`: npm keeps 17, which 4.7 reads.
    expect(range(svelte)).toBe('^0.34.6');
    // No Vite of its own: 0.34 brings Vite 5 (`^18.0.0 || >=20.0.0`), which raises it.
    expect(range(locked)).toBe('none');
    // Vite 5 of its own: the same peer, the same answer.
    expect(chooseVitest({ ...svelte, vite: '^5.0.0' })).toMatchObject({ status: 'none', why: expect.stringContaining('@types/node * and ^18.0.0 || >=20.0.0') });
  });

  it('keeps a locked @types/node where npm installs with legacy peer deps (casper-ui-kit: TypeScript 4.9.5, @types/node 16)', () => {
    const ts = (version: string) => ({ typescript: { version, from: 'locked in package-lock.json' } });
    const casper = { ...ts('4.9.5'), typesNode: '16.18.12', node: { range: '18', from: 'CI' } };
    expect(range(casper)).toBe('none');
    expect(range({ ...casper, legacyPeerDeps: '.npmrc legacy-peer-deps=true' })).toBe('~3.2.4');
    // 0.34 depends on @types/node itself: where none is locked it installs the newest, peers or not.
    expect(range({ ...ts('4.9.5'), node: { range: '16', from: 'CI' }, legacyPeerDeps: '.npmrc legacy-peer-deps=true' })).toBe('none');
    const lock = JSON.stringify({ packages: { 'node_modules/typescript': { version: '4.9.5' }, 'node_modules/@types/node': { version: '16.18.12' } } });
    const files = (npmrc: string, extra: Record<string, string> = {}): Record<string, string> => ({ 'package-lock.json': lock, '.npmrc': npmrc, ...extra });
    const facts = (read: Record<string, string>, workflows: readonly string[] = []) => projectFacts({ devDependencies: { typescript: '^4.9.5' } }, (path) => read[path], ['tsconfig.json', ...workflows]);
    expect(facts(files('# for storybook\nlegacy-peer-deps=true\n')).legacyPeerDeps).toBe('.npmrc legacy-peer-deps=true');
    expect(facts(files('legacy-peer-deps=false\n')).legacyPeerDeps).toBeUndefined();
    expect(facts(files('legacy-peer-deps=true\n', { 'yarn.lock': '' })).legacyPeerDeps).toBeUndefined();
    const ci = { '.github/workflows/ci.yml': 'jobs:\n  test:\n    steps:\n      - run: npm ci --legacy-peer-deps\n' };
    expect(facts(files('', ci), Object.keys(ci)).legacyPeerDeps).toBe('the CI workflows install with npm --legacy-peer-deps');
  });

  it("keeps the @types/node yarn.lock holds for `*` under yarn, which installs no peers (reselect: yarn 3, TypeScript 4.8.3, CI Node 16)", () => {
    const lock = [
      '__metadata:\n  version: 6\n',
      '"@types/node@npm:*":\n  version: 16.11.7\n  resolution: "@types/node@npm:16.11.7"\n',
      '"@types/node@npm:12.20.24":\n  version: 12.20.24\n  resolution: "@types/node@npm:12.20.24"\n',
      '"typescript@npm:4.8.3":\n  version: 4.8.3\n  resolution: "typescript@npm:4.8.3"\n',
    ].join('\n');
    const ci = { '.github/workflows/test.yml': 'jobs:\n  build:\n    steps:\n      - uses: actions/setup-node@v2\n        with:\n          node-version: 16.x\n      - run: yarn test\n' };
    const facts = (read: Record<string, string>) => projectFacts({ devDependencies: { typescript: '4.8.3', jest: '^27.3.1' } }, (path) => read[path], ['tsconfig.json', ...Object.keys(ci)]);
    const yarn = facts({ 'yarn.lock': lock, ...ci });
    expect(yarn).toMatchObject({ typesNode: '16.11.7', yarnPeers: 'yarn.lock' });
    expect(range(yarn)).toBe('^0.34.6');
    // No `*` entry: 0.34's own `*` takes the newest, whose declarations need TypeScript 5.
    const noStar = facts({ 'yarn.lock': lock.replace('"@types/node@npm:*"', '"@types/node@npm:^16.0.0"'), ...ci });
    expect(noStar.typesNode).toBeUndefined();
    expect(range(noStar)).toBe('none');
    // npm installs Vite's peer range: the same lock as npm's stops as before.
    const npmLock = JSON.stringify({ packages: { 'node_modules/typescript': { version: '4.8.3' }, 'node_modules/@types/node': { version: '16.11.7' } } });
    expect(range(facts({ 'package-lock.json': npmLock, ...ci }))).toBe('none');
  });

  it('reads the TypeScript the lockfile holds rather than the range', () => {
    const lock = JSON.stringify({ packages: { 'node_modules/typescript': { version: '4.6.2' }, 'node_modules/@types/node': { version: '17.0.21' } } });
    const facts = projectFacts({ devDependencies: { typescript: '^4.6.2' } }, (path) => (path === 'package-lock.json' ? lock : undefined), ['tsconfig.json']);
    expect(facts).toMatchObject({ typescript: { version: '4.6.2', from: 'locked in package-lock.json' }, typesNode: '17.0.21' });
    expect(facts.typesNodeDeclared).toBeUndefined();
    expect(projectFacts({ devDependencies: { typescript: '^4.5.0', '@types/node': '^14.0.0' } }, () => undefined, ['tsconfig.build.json'])).toMatchObject({ typesNode: '14.0.0', typesNodeDeclared: true });
    expect(projectFacts({ devDependencies: { typescript: '^4.6.2' } }, () => undefined, ['tsconfig.json']).typescript?.version).toBe('4.6.2');
  });

  it('counts TypeScript only when something compiles with it: a root tsconfig or a script that runs tsc', () => {
    // dayjs: typescript 2.9 in devDependencies, no tsconfig, no script runs tsc.
    const dayjs = { devDependencies: { typescript: '^2.8.3', jest: '^22.4.3' }, scripts: { test: 'jest', lint: 'eslint src/*' } };
    const lock = JSON.stringify({ packages: { 'node_modules/typescript': { version: '2.9.2' } } });
    expect(projectFacts(dayjs, (path) => (path === 'package-lock.json' ? lock : undefined), ['package.json', 'package-lock.json']).typescript).toBeUndefined();
    expect(chooseVitest({ ...projectFacts(dayjs, () => undefined, ['package.json']), runningNode: '20.19.0' })).toMatchObject({ status: 'chosen', line: { range: '^4.1.0' } });
    expect(projectFacts({ ...dayjs, scripts: { 'check:types': 'tsc -p types' } }, () => undefined).typescript?.version).toBe('2.8.3');
    expect(projectFacts({ ...dayjs, scripts: { check: 'npm run lint && vue-tsc --noEmit' } }, () => undefined).typescript?.version).toBe('2.8.3');
    expect(projectFacts({ ...dayjs, scripts: { build: 'tscx build', t: 'npx tsconfig-paths' } }, () => undefined).typescript).toBeUndefined();
    expect(projectFacts({ ...dayjs, devDependencies: { ...dayjs.devDependencies, 'ts-jest': '^22.4.0' } }, () => undefined).typescript?.version).toBe('2.8.3');
  });

  it('takes a range it cannot read as the newest, and says so', () => {
    const choice = chooseVitest({ vite: 'workspace:*' });
    expect(choice).toMatchObject({ status: 'chosen', line: { range: '^4.1.0' } });
    expect(choice.why).toContain('range not read');
  });
});

describe('projectFacts', () => {
  it('reads CI first, then .nvmrc, .node-version, volta and engines.node; skips what names no version', () => {
    const files: Record<string, string> = { '.nvmrc': 'lts/*\n', '.node-version': '20.11.1\n' };
    expect(projectFacts({ devDependencies: { vite: '^5.0.0' } }, (path) => files[path])).toEqual({ vite: '^5.0.0', node: { range: '20.11.1', from: '.node-version' } });
    expect(projectFacts({ engines: { node: '>=18' }, volta: { node: '22.1.0' } }, () => undefined)).toEqual({ node: { range: '22.1.0', from: 'package.json volta.node' } });
    expect(projectFacts({ engines: { node: '>=18' } }, () => undefined)).toEqual({ node: { range: '>=18', from: 'package.json engines.node' } });
    expect(projectFacts({}, () => undefined)).toEqual({});
    const ci = { '.github/workflows/ci.yml': 'jobs:\n  test:\n    strategy:\n      matrix:\n        node-version: [18.x, 20.x, 22.x]\n', '.nvmrc': 'lts/iron\n' };
    expect(projectFacts({ engines: { node: '>=10' } }, (path) => ci[path as keyof typeof ci], Object.keys(ci))).toEqual({ node: { range: '18', from: 'the CI workflows (lowest node-version)' } });
  });

  it("reads setup-node's LTS aliases in CI: a codename, and lts/* as the newest LTS", () => {
    const workflow = (versions: string) => ({ '.github/workflows/ci.yml': `jobs:\n  test:\n    strategy:\n      matrix:\n        node: [${versions}]\n    steps:\n      - uses: actions/setup-node@v4\n        with:\n          node-version: \${{ matrix.node }}\n      - run: npm test\n` });
    const facts = (files: Record<string, string>) => projectFacts({ engines: { node: '>=10' } }, (path) => files[path], Object.keys(files));
    expect(facts(workflow('lts/*, lts/hydrogen'))).toEqual({ node: { range: 'lts/hydrogen', from: 'the CI jobs that run the tests (lowest node-version)' } });
    expect(facts(workflow('lts/*'))).toEqual({ node: { range: 'lts/krypton', from: 'the CI jobs that run the tests (lowest node-version)' } });
    expect(range(facts(workflow('lts/hydrogen')))).toBe('~3.2.4');
    expect(facts(workflow('lts/nosuchname'))).toEqual({ node: { range: '>=10', from: 'package.json engines.node' } });
  });

  it('leaves out a workflow whose steps never set Node up nor run a Node tool (casper-ui-kit: markdown-skip.yml)', () => {
    const skip = 'jobs:\n  build:\n    strategy:\n      matrix:\n        # See https://nodejs.org/en/about/releases/\n        node-version: [16.x]\n    steps:\n      - run: \'echo "Markdown only change, no lints required"\'\n';
    const ci = 'jobs:\n  test:\n    strategy:\n      matrix:\n        node-version: [18.x]\n    steps:\n      - uses: actions/setup-node@v3\n        with:\n          node-version: ${{ matrix.node-version }}\n      - run: npm test\n';
    const read: Record<string, string> = { '.github/workflows/markdown-skip.yml': skip, '.github/workflows/ci.yml': ci };
    expect(projectFacts({}, (path) => read[path], Object.keys(read)).node).toEqual({ range: '18', from: 'the CI jobs that run the tests (lowest node-version)' });
    expect(projectFacts({}, (path) => read[path], ['.github/workflows/markdown-skip.yml']).node).toBeUndefined();
  });

  it('counts only the jobs that run the tests where some do, matrices written as block lists too (octokit/plugin-retry.js)', () => {
    const test = 'jobs:\n  test_matrix:\n    strategy:\n      matrix:\n        node_version:\n          - 18\n          - 20\n          - 22\n    steps:\n      - uses: actions/setup-node@v4\n        with:\n          node-version: ${{ matrix.node_version }}\n      - run: npm ci\n      - run: npm test --ignore-scripts\n';
    const prettier = 'jobs:\n  update_prettier:\n    steps:\n      - uses: actions/setup-node@v4\n        with:\n          node-version: 16\n      - run: npm ci\n      - run: npm run lint:fix\n';
    const read: Record<string, string> = { '.github/workflows/test.yml': test, '.github/workflows/update-prettier.yml': prettier };
    expect(projectFacts({}, (path) => read[path], Object.keys(read)).node).toEqual({ range: '18', from: 'the CI jobs that run the tests (lowest node-version)' });
    // With no job running the tests, every job that uses Node counts, as before.
    expect(projectFacts({}, (path) => read[path], ['.github/workflows/update-prettier.yml']).node).toEqual({ range: '16', from: 'the CI workflows (lowest node-version)' });
    const include = 'jobs:\n  ci:\n    strategy:\n      matrix:\n        include:\n          - node: 20\n          - node: 22.x\n    steps:\n      - run: yarn test:unit\n';
    expect(projectFacts({}, () => include, ['.github/workflows/ci.yml']).node).toEqual({ range: '20', from: 'the CI jobs that run the tests (lowest node-version)' });
  });

  it('keeps a CI line as named, and orders lines by their newest release', () => {
    const ci = (matrix: string) => projectFacts({}, () => 'jobs:\n  test:\n    strategy:\n      matrix:\n        node-version: ' + matrix + '\n', ['.github/workflows/ci.yml']).node?.range;
    expect(ci('[14.x, 16.x]')).toBe('14');
    expect(ci("[14, '14.17', 16]")).toBe('14.17');
    expect(ci('[14.21.3, 14.x]')).toBe('14.21.3');
  });

  it('reads lts codenames, catalog: ranges and the floor of the project\'s Jest', () => {
    expect(projectFacts({}, (path) => (path === '.nvmrc' ? 'lts/hydrogen' : undefined))).toEqual({ node: { range: 'lts/hydrogen', from: '.nvmrc' } });
    expect(range({ node: { range: 'lts/hydrogen', from: '.nvmrc' } })).toBe('~3.2.4');
    const workspace = 'packages:\n  - packages/*\ncatalog:\n  vite: ^4.5.0\ncatalogs:\n  legacy:\n    vite: ^5.1.0\n';
    const read = (path: string) => (path === 'pnpm-workspace.yaml' ? workspace : undefined);
    expect(projectFacts({ devDependencies: { vite: 'catalog:' } }, read).vite).toBe('^4.5.0');
    expect(projectFacts({ devDependencies: { vite: 'catalog:legacy' } }, read).vite).toBe('^5.1.0');
    // drand-client: engines >= 10.4 (its users' floor) and Jest 29 (Node 14.15+): a line, not none.
    const facts = projectFacts({ engines: { node: '>= 10.4.0' }, devDependencies: { jest: '^29.7.0' } }, () => undefined);
    expect(facts.jestNodeFloor).toBe('14.15.0');
    const choice = chooseVitest(facts);
    expect(choice).toMatchObject({ status: 'chosen', line: { range: '^0.34.6' } });
    expect(choice.why).toContain('raised to 14.15.0');
  });
});

describe('strictPeerVite', () => {
  const line = (range: string) => VITEST_LINES.find((candidate) => candidate.range === range)!;
  const pnpm = (files: Record<string, string>, pkg: Record<string, string | object> = {}) =>
    projectFacts({ devDependencies: { '@types/node': '^20.17.32' }, ...pkg }, (path) => ({ 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    devDependencies:\n      '@types/node':\n        specifier: ^20.17.32\n        version: 20.17.32\n", ...files })[path]);

  it('names the newest Vite whose @types/node peer the locked one meets, under pnpm strict peers only (pnpm/meta-updater)', () => {
    expect(strictPeerVite(pnpm({ '.npmrc': 'strict-peer-dependencies = true\n' }), line('~3.2.4'))?.range).toBe('^6.0.0');
    expect(strictPeerVite(pnpm({ 'pnpm-workspace.yaml': 'strictPeerDependencies: true\n' }), line('^4.1.0'))?.range).toBe('^6.0.0');
    expect(strictPeerVite(pnpm({}, { pnpm: { strictPeerDependencies: true } }), line('~3.2.4'))?.range).toBe('^6.0.0');
    // pnpm's default, a met peer, and the project's own Vite: nothing to name.
    expect(strictPeerVite(pnpm({}), line('~3.2.4'))).toBeUndefined();
    expect(strictPeerVite(pnpm({ '.npmrc': 'strict-peer-dependencies=true\n' }), line('^0.34.6'))).toBeUndefined();
    expect(strictPeerVite(pnpm({ '.npmrc': 'strict-peer-dependencies=true\n' }, { devDependencies: { '@types/node': '^20.17.32', vite: '^7.0.0' } }), line('~3.2.4'))).toBeUndefined();
  });

  it('says to raise @types/node when no Vite of the line admits it', () => {
    const facts = { ...pnpm({ '.npmrc': 'strict-peer-dependencies=true\n' }), typesNode: '16.18.0' };
    const answer = strictPeerVite(facts, line('~3.2.4'));
    expect(answer?.range).toBeUndefined();
    expect(answer?.why).toContain('raise @types/node');
  });
});
