// Pure: commit objects to records and back, and trailers read from a message's last paragraph
// (the rule `git interpret-trailers --parse` applies to messages we write).

import type { CommitRecord } from '../core/git.js';

export interface CommitInput {
  readonly tree: string;
  readonly parents: readonly string[];
  /** "Name <email> <unix seconds> <+hhmm>" */
  readonly author: string;
  readonly committer: string;
  readonly message: string;
}

export function serializeCommit(input: CommitInput): Buffer {
  const message = input.message.endsWith('\n') ? input.message : `${input.message}\n`;
  const parents = input.parents.map((parent) => `parent ${parent}\n`).join('');
  return Buffer.from(
    `tree ${input.tree}\n${parents}author ${input.author}\ncommitter ${input.committer}\n\n${message}`,
    'utf8',
  );
}

export function parseCommit(oid: string, content: Uint8Array): CommitRecord {
  const text = Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('utf8');
  const split = text.indexOf('\n\n');
  const header = split === -1 ? text : text.slice(0, split);
  const message = split === -1 ? '' : text.slice(split + 2);
  let tree = '';
  let author = '';
  const parents: string[] = [];
  for (const line of header.split('\n')) {
    // Continuation lines (" ...") belong to multi-line headers such as gpgsig.
    if (line.startsWith('tree ')) tree = line.slice(5);
    else if (line.startsWith('parent ')) parents.push(line.slice(7));
    else if (line.startsWith('author ')) author = line.slice(7).replace(/\s+\d+\s+[+-]\d{4}$/, '');
  }
  return { oid, tree, parents, message, author, trailers: parseTrailers(message) };
}

const TRAILER_LINE = /^([A-Za-z0-9][A-Za-z0-9-]*)[ \t]*:[ \t]*(.*)$/;

/** Trailers of the last paragraph, when every line of it is a trailer; the title never is. */
export function parseTrailers(message: string): Record<string, string> {
  const lines = message.split('\n').map((line) => line.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  let start = lines.length;
  while (start > 0 && lines[start - 1] !== '') start -= 1;
  const firstText = lines.findIndex((line) => line !== '');
  if (start >= lines.length || start <= firstText) return {};
  const trailers: Record<string, string> = {};
  let lastKey: string | undefined;
  for (const line of lines.slice(start)) {
    if (/^[ \t]/.test(line) && lastKey !== undefined) {
      trailers[lastKey] = `${trailers[lastKey] ?? ''} ${line.trim()}`.trim();
      continue;
    }
    const match = TRAILER_LINE.exec(line);
    if (!match) return {};
    lastKey = match[1] ?? '';
    trailers[lastKey] = (match[2] ?? '').trim();
  }
  return trailers;
}
