// Pure: which repo paths must never reach a model (secrets). Matching leans towards refusing:
// dotfiles count, case is ignored, and a glob without a slash matches a file name at any depth.

import picomatch from 'picomatch';

export type NeverSendMatcher = (path: string) => boolean;

export function neverSendMatcher(globs: readonly string[]): NeverSendMatcher {
  if (globs.length === 0) return () => false;
  // Not picomatch's `basename` option: it applies to patterns with slashes too ("config/**" then never matches).
  const patterns = globs.map((glob) => (glob.includes('/') ? glob : `**/${glob}`));
  return picomatch(patterns, { dot: true, nocase: true });
}

export function isNeverSend(path: string, globs: readonly string[]): boolean {
  return neverSendMatcher(globs)(path);
}
