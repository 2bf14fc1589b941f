// The real-code corpus: TypeScript sources that npm packages ship, pinned by version, downloaded
// with `npm pack` into bench/.corpus/ (gitignored), extracted under packages/<name>/ and committed
// once into a git repository. Prepared once; later bench runs reuse it.

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

export const SOURCE_FILE = /\.ts$/;
export const DECLARATION_FILE = /\.d\.[cm]?ts$/;

export function isSourceFile(path) {
  return SOURCE_FILE.test(path) && !DECLARATION_FILE.test(path) && !path.includes('node_modules/');
}

export function prepareCorpus(root, log) {
  const repo = join(root, 'repo');
  if (existsSync(join(repo, '.git', 'bench-ready'))) return repo;
  const tarballs = join(root, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  rmSync(repo, { recursive: true, force: true });
  for (const spec of CORPUS_PACKAGES) {
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
  // A tsconfig for the ts-morph comparison ("new Project({ tsConfigFilePath })").
  writeFileSync(
    join(repo, 'tsconfig.json'),
    `${JSON.stringify({ compilerOptions: { target: 'es2022', module: 'nodenext', jsx: 'react', strict: true, skipLibCheck: true, noEmit: true }, include: ['packages/**/*.ts'], exclude: ['**/*.d.ts', '**/node_modules/**'] }, null, 2)}\n`,
  );
  log('committing the corpus');
  commitTree(repo, `corpus: ${CORPUS_PACKAGES.join(', ')}`);
  git(repo, 'repack', '-a', '-d', '-q');
  writeFileSync(join(repo, '.git', 'bench-ready'), `${CORPUS_PACKAGES.join('\n')}\n`);
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
