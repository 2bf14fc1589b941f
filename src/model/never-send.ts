// Pure: which repo paths must never reach a model (secrets). Matching leans towards refusing:
// dotfiles count, case is ignored, and a glob without a slash matches a file name at any depth.

import picomatch from 'picomatch';

export type NeverSendMatcher = (path: string) => boolean;

/**
 * Files whose whole purpose is to hold credentials: refused whatever the config says, on top of
 * its neverSendToModel globs (whose defaults cover .env*, *.pem, *.key, id_rsa*). A recipe that
 * includes dotfiles would otherwise send an npm or PyPI token to the model.
 */
export const CREDENTIAL_FILES = [
  '.npmrc',
  '.yarnrc.yml',
  '.netrc',
  '_netrc',
  '.pypirc',
  '.git-credentials',
  '.htpasswd',
  '.pgpass',
  '*.p12',
  '*.pfx',
  '*.jks',
  '*.keystore',
  'id_dsa*',
  'id_ecdsa*',
  'id_ed25519*',
  '**/.aws/credentials',
  '**/.docker/config.json',
  '**/.ssh/**',
] as const;

export function neverSendMatcher(globs: readonly string[]): NeverSendMatcher {
  // Not picomatch's `basename` option: it applies to patterns with slashes too ("config/**" then never matches).
  const patterns = [...CREDENTIAL_FILES, ...globs].map((glob) => (glob.includes('/') ? glob : `**/${glob}`));
  return picomatch(patterns, { dot: true, nocase: true });
}

export function isNeverSend(path: string, globs: readonly string[]): boolean {
  return neverSendMatcher(globs)(path);
}
