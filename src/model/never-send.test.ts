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

  it('refuses only the credential files with no globs', () => {
    expect(isNeverSend('.env', [])).toBe(false);
    expect(isNeverSend('src/a.ts', [])).toBe(false);
  });

  // Found by the secrets campaign: a recipe including dotfiles sent .npmrc's auth token.
  it.each(['.npmrc', 'packages/web/.npmrc', '.yarnrc.yml', 'home/.netrc', '.pypirc', '.git-credentials', 'certs/client.p12', 'x/.aws/credentials', 'home/.ssh/config', 'keys/id_ed25519', 'a/.NPMRC'])(
    'refuses the credential file %s whatever the globs',
    (path) => {
      expect(isNeverSend(path, [])).toBe(true);
      expect(isNeverSend(path, ['other/**'])).toBe(true);
    },
  );

  it.each(['src/npmrc.ts', 'docs/netrc.md', 'src/ssh/client.ts', 'src/aws/credentials.ts'])('allows %s', (path) => expect(isNeverSend(path, [])).toBe(false));
});
