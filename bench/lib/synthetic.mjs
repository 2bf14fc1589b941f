// Synthetic repositories of any size for what the real corpus cannot show: peak memory at 2,000
// vs 20,000 files, checkpoints on a 20,000-file tree, a finished 1,000-step run to resume.
// Every file is a small TypeScript module; every `hitEvery`-th one imports Theia's inversify
// re-export, which is what the bench's transform rewrites.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitTree } from './git-env.mjs';

export function syntheticRepo(dir, { files, filesPerDir = 20, hitEvery = 10 }) {
  if (existsSync(join(dir, '.git', 'bench-ready'))) return dir;
  mkdirSync(dir, { recursive: true });
  for (let index = 0; index < files; index += 1) {
    const module = Math.floor(index / filesPerDir);
    const folder = join(dir, 'packages', `pkg-${Math.floor(module / 50)}`, 'src', `module-${module % 50}`);
    if (index % filesPerDir === 0) mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `file-${index % filesPerDir}.ts`), moduleText(index, index % hitEvery === 0));
  }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'synthetic', private: true }, null, 2)}\n`);
  commitTree(dir, `synthetic: ${files} files`);
  writeFileSync(join(dir, '.git', 'bench-ready'), `${files}\n`);
  return dir;
}

function moduleText(index, hit) {
  const source = hit ? '@theia/core/shared/inversify' : './container';
  return `import { injectable, inject } from '${source}';
import type { Logger } from '../logger';

export interface Options${index} {
  readonly name: string;
  readonly retries: number;
  readonly tags: readonly string[];
}

@injectable()
export class Service${index} {
  private readonly cache = new Map<string, number>();

  constructor(@inject('Logger') private readonly logger: Logger, private readonly options: Options${index}) {}

  lookup(key: string): number | undefined {
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const value = key.split('').reduce((sum, char) => sum + char.charCodeAt(0), ${index});
    this.cache.set(key, value);
    this.logger.debug(\`lookup \${key} -> \${value}\`);
    return value;
  }

  async retry<T>(task: () => Promise<T>): Promise<T> {
    let last: unknown;
    for (let attempt = 0; attempt <= this.options.retries; attempt += 1) {
      try {
        return await task();
      } catch (error) {
        last = error;
      }
    }
    throw last instanceof Error ? last : new Error(String(last));
  }
}

export const DEFAULT_OPTIONS_${index}: Options${index} = { name: 'service-${index}', retries: 3, tags: ['a', 'b'] };
`;
}
