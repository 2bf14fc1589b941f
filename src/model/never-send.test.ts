import { describe, expect, it } from 'vitest';
import { DEFAULT_NEVER_SEND_TO_MODEL } from '../core/recipe.js';
import { isNeverSend } from './never-send.js';

describe('isNeverSend', () => {
  it.each(['.env', 'apps/web/.env.local', 'certs/server.pem', 'a/b/tls.KEY', 'home/id_rsa', 'ssh/id_rsa.pub'])(
    'refuses %s with the default globs',
    (path) => expect(isNeverSend(path, DEFAULT_NEVER_SEND_TO_MODEL)).toBe(true),
  );

  it.each(['src/env.ts', 'src/keys.ts', 'docs/pem-format.md', 'src/a.test.ts'])('allows %s with the default globs', (path) =>
    expect(isNeverSend(path, DEFAULT_NEVER_SEND_TO_MODEL)).toBe(false),
  );

  it('matches a glob without a slash against the file name at any depth', () => {
    expect(isNeverSend('config/prod/secrets.json', ['secrets.json'])).toBe(true);
    expect(isNeverSend('config/prod/secrets.json', ['config/*.json'])).toBe(false);
    expect(isNeverSend('config/prod/secrets.json', ['config/**'])).toBe(true);
  });

  it('refuses nothing with no globs', () => {
    expect(isNeverSend('.env', [])).toBe(false);
  });
});
