// Test support: real temporary folders holding recipes, codemods and configs.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeTempDir } from '../../../test/helpers/temp-repo.js';
import { isCodemigrateError, type CodemigrateError } from '../../core/errors.js';

export function makeFixtureDir(files: Record<string, string | object>): string {
  const dir = makeTempDir('codemigrate-config-');
  writeFixtureFiles(dir, files);
  return dir;
}

export function writeFixtureFiles(dir: string, files: Record<string, string | object>): void {
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
}

/** The CodemigrateError a promise rejects with; fails the test when it resolves or throws anything else. */
export async function rejection(promise: Promise<unknown>): Promise<CodemigrateError> {
  try {
    await promise;
  } catch (error) {
    if (isCodemigrateError(error)) return error;
    throw error;
  }
  throw new Error('expected a CodemigrateError, but the promise resolved');
}
