// The real-code corpora: TypeScript sources that npm packages ship, pinned by version, downloaded
// with `npm pack` into bench/.corpus/ (gitignored), extracted under packages/<name>/ and committed
// once into a git repository. Prepared once; later bench runs reuse them.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitTree, git } from './git-env.mjs';

/** Packages that ship their TypeScript sources (1,818 .ts files that are not .d.ts), pinned. */
export const CORPUS_PACKAGES = [
  '@theia/core@1.75.0',
  '@theia/plugin-ext@1.75.0',
  'effect@3.22.4',
  'rxjs@7.8.2',
  'zod@4.6.7',
];

/**
 * The small-module corpus (issue 16.4): 50 Theia extensions other than the two above, whose sources
 * sit in many small folders (1,452 .ts files in 237 folders; 217 folders of fewer than 16 hold 853),
 * as a web app's do. A step per folder: most steps are too small to be split between workers.
 */
export const SMALL_CORPUS_PACKAGES = [
  ...['ai-chat', 'ai-chat-ui', 'ai-code-completion', 'ai-core', 'ai-core-ui', 'ai-editor', 'ai-history', 'ai-ide', 'ai-mcp', 'ai-terminal']
    .map((name) => `@theia/${name}@1.74.1`),
  ...['bulk-edit', 'callhierarchy', 'console', 'dev-container', 'editor-preview', 'getting-started', 'memory-inspector', 'messages', 'mini-browser', 'notebook',
    'outline-view', 'output', 'process', 'remote', 'scm-extra', 'secondary-window', 'task', 'terminal-manager', 'test', 'timeline', 'toolbar', 'typehierarchy',
    'userstorage', 'variable-resolver', 'vsx-registry'].map((name) => `@theia/${name}@1.74.1`),
  ...['collaboration', 'debug', 'editor', 'file-search', 'filesystem', 'keymaps', 'markers', 'monaco', 'navigator', 'preferences', 'property-view',
    'scm', 'search-in-workspace', 'terminal', 'workspace'].map((name) => `@theia/${name}@1.75.0`),
];

/**
 * Files left out of the small-module corpus: babel's `ts` parser (jscodeshift's) rejects them, so
 * both tools would report an error and codemigrate's run would end 1 (a failed step).
 */
export const SMALL_CORPUS_DROP = [
  // `constructor(@unmanaged() ...stores: TerminalProfileStore[])`: a decorator on a rest parameter.
  'packages/theia-terminal/src/browser/terminal-profile-service.ts',
];

export const SOURCE_FILE = /\.ts$/;
export const DECLARATION_FILE = /\.d\.[cm]?ts$/;

export function isSourceFile(path) {
  return SOURCE_FILE.test(path) && !DECLARATION_FILE.test(path) && !path.includes('node_modules/');
}

/** Prepares `root/<folder>` from `packages` less `drop` (default: the main corpus in `root/repo`). */
export function prepareCorpus(root, log, { folder = 'repo', packages = CORPUS_PACKAGES, drop = [] } = {}) {
  const repo = join(root, folder);
  if (existsSync(join(repo, '.git', 'bench-ready'))) return repo;
  const tarballs = join(root, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  rmSync(repo, { recursive: true, force: true });
  for (const spec of packages) {
    const name = spec.slice(0, spec.lastIndexOf('@'));
    const file = `${name.replace(/^@/, '').replace('/', '-')}-${spec.slice(spec.lastIndexOf('@') + 1)}.tgz`;
    if (!existsSync(join(tarballs, file))) {
      log(`downloading ${spec}`);
      execFileSync('npm', ['pack', spec, '--pack-destination', tarballs, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
    }
    const dir = join(repo, 'packages', name.replace(/^@/, '').replace('/', '-'));
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-xzf', join(tarballs, file), '-C', dir, '--strip-components=1']);
  }
  for (const path of drop) rmSync(join(repo, path));
  // A tsconfig for the ts-morph comparison ("new Project({ tsConfigFilePath })").
  writeFileSync(
    join(repo, 'tsconfig.json'),
    `${JSON.stringify({ compilerOptions: { target: 'es2022', module: 'nodenext', jsx: 'react', strict: true, skipLibCheck: true, noEmit: true }, include: ['packages/**/*.ts'], exclude: ['**/*.d.ts', '**/node_modules/**'] }, null, 2)}\n`,
  );
  log('committing the corpus');
  commitTree(repo, `corpus: ${packages.join(', ')}`);
  git(repo, 'repack', '-a', '-d', '-q');
  writeFileSync(join(repo, '.git', 'bench-ready'), `${packages.join('\n')}\n`);
  return repo;
}

/** The corpus's TypeScript sources (repo-relative, sorted), as both tools get them. */
export function corpusSourceFiles(repo) {
  return git(repo, 'ls-files', '-z').split('\0').filter(isSourceFile).sort();
}

export function countFiles(dir) {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '.git') continue;
    count += entry.isDirectory() ? countFiles(join(dir, entry.name)) : 1;
  }
  return count;
}
