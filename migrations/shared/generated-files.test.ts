// generated-files.mjs on real temp folders: a SvelteKit-shaped project whose tsconfig.json extends
// the git-ignored `.svelte-kit/tsconfig.json`, with a stand-in `svelte-kit` bin that writes it.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../test/helpers/temp-repo.js';
import { generateMissing } from './generated-files.mjs';

const tempDir = useTempDirs();

function project(dir: string, withBin = true): void {
  writeFileSync(join(dir, 'tsconfig.json'), '{\n\t"extends": "./.svelte-kit/tsconfig.json",\n\t// comments, as SvelteKit writes them\n\t"compilerOptions": { "strict": true }\n}\n');
  if (!withBin) return;
  mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
  const bin = join(dir, 'node_modules/.bin/svelte-kit');
  writeFileSync(bin, `#!/bin/sh\n[ "$1" = sync ] || exit 3\nmkdir -p .svelte-kit && echo '{}' > .svelte-kit/tsconfig.json\n`);
  chmodSync(bin, 0o755);
}

describe('generateMissing', () => {
  it("runs `svelte-kit sync` where tsconfig.json extends a .svelte-kit file that is missing", () => {
    const dir = tempDir();
    project(dir);
    expect(generateMissing(dir)).toEqual([{ command: 'svelte-kit sync', status: 0 }]);
    expect(existsSync(join(dir, '.svelte-kit/tsconfig.json'))).toBe(true);
    // Once there, nothing runs again.
    expect(generateMissing(dir)).toEqual([]);
  });

  it('does nothing without the tool, or without a generated file in `extends`', () => {
    const bare = tempDir();
    project(bare, false);
    expect(generateMissing(bare)).toEqual([]);
    const other = tempDir();
    project(other);
    writeFileSync(join(other, 'tsconfig.json'), '{ "extends": "./tsconfig.base.json" }\n');
    expect(generateMissing(other)).toEqual([]);
    expect(existsSync(join(other, '.svelte-kit'))).toBe(false);
  });
});
