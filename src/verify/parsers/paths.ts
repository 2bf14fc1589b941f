// Pure: the paths runners print, made relative to the directory the check ran in.

import type { CheckOutput } from '../../core/checks.js';

type Roots = Pick<CheckOutput, 'cwd' | 'cwdReal'>;

/** The check directory as given and as resolved, longest first, without a trailing '/'. */
function rootsOf(output: Roots): string[] {
  const roots = [output.cwd, output.cwdReal ?? output.cwd].map((root) => (root.length > 1 ? root.replace(/\/+$/, '') : root));
  return [...new Set(roots)].filter((root) => root !== '').sort((a, b) => b.length - a.length);
}

/**
 * `path` relative to the check directory, '/'-separated, for a path under it (through either of
 * its spellings); a path outside it keeps its absolute form, a relative path loses a leading './'.
 */
export function relativePath(path: string, output: Roots): string {
  const plain = path.startsWith('file://') ? decodeURI(path.slice('file://'.length)) : path;
  if (!plain.startsWith('/')) return plain.replace(/^(\.\/)+/, '');
  for (const root of rootsOf(output)) {
    if (plain.startsWith(`${root}/`)) return plain.slice(root.length + 1);
  }
  return plain;
}

/** `text` with every absolute path under the check directory written relative to it. */
export function relativePathsInText(text: string, output: Roots): string {
  let result = text;
  for (const root of rootsOf(output)) {
    if (root === '/') continue;
    // Only where a path starts: not /work/x inside /other/work/x.
    const escaped = root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    result = result.replace(new RegExp(`(?<![\\w./-])${escaped}/`, 'g'), '');
  }
  return result;
}
