// Everything of a user's checkout that codemigrate promises never to touch: HEAD, the index
// bytes, refs outside the run prefix, the stash, and every working-tree file's bytes.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, lstatSync, readlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { TempRepo } from './temp-repo.js';

export function snapshotCheckout(repo: TempRepo, prefix = 'codemigrate'): Record<string, string> {
  const snapshot: Record<string, string> = {};
  snapshot['HEAD'] = readFileSync(join(repo.dir, '.git', 'HEAD'), 'utf8');
  snapshot['index'] = hash(safeRead(join(repo.dir, '.git', 'index')));
  snapshot['refs'] = repo
    .git('for-each-ref', '--format=%(objectname) %(refname)')
    .split('\n')
    .filter((line) => !line.includes(` refs/heads/${prefix}/`))
    .join('\n');
  snapshot['stash'] = repo.git('stash', 'list');
  walk(repo.dir, (path) => {
    const rel = relative(repo.dir, path);
    const stat = lstatSync(path);
    snapshot[`file:${rel}`] = stat.isSymbolicLink() ? `link:${readlinkSync(path)}` : `${stat.mode.toString(8)}:${hash(readFileSync(path))}`;
  });
  return snapshot;
}

function walk(dir: string, visit: (path: string) => void): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '.git') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, visit);
    else visit(full);
  }
}

function safeRead(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    return Buffer.alloc(0);
  }
}

function hash(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
