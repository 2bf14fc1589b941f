// Reads a JSON file; a syntax error becomes one problem line that names the line and column.

import { readFile } from 'node:fs/promises';
import { displayPath } from './problems.js';

export type JsonFile =
  | { readonly status: 'ok'; readonly bytes: Buffer; readonly value: unknown }
  | { readonly status: 'missing' }
  | { readonly status: 'invalid'; readonly problem: string };

export async function readJsonFile(file: string): Promise<JsonFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { status: 'missing' };
    if (code === 'EISDIR') return { status: 'invalid', problem: `${displayPath(file)}: is a directory, not a JSON file` };
    return { status: 'invalid', problem: `${displayPath(file)}: cannot read: ${(error as Error).message}` };
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  try {
    return { status: 'ok', bytes, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { status: 'invalid', problem: jsonSyntaxProblem(file, text, (error as Error).message) };
  }
}

function jsonSyntaxProblem(file: string, text: string, message: string): string {
  const match = /\s*(?:in JSON )?at position (\d+)/.exec(message);
  const position = match ? Number(match[1]) : /end of JSON input/.test(message) ? text.length : undefined;
  const reason = match ? message.slice(0, match.index) : message;
  if (position === undefined) return `${displayPath(file)}: invalid JSON: ${reason}`;
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `${displayPath(file)}:${line}:${column}: invalid JSON: ${reason}`;
}
