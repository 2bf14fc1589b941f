// Problem lines for user input: `<file>: <json path>: <message>`, one per problem, with zod's
// issues turned into short messages that say what was expected.

import { relative } from 'node:path';
import type { z } from 'zod';

export type JsonPath = readonly PropertyKey[];

/** The file as the user will recognise it: relative to the working directory when that is shorter. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel !== '' && rel.length < file.length ? rel : file;
}

/** `steps[1].codemod`, `recipes["my recipe"]`, or '' for the root. */
export function formatJsonPath(path: JsonPath): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

export function problemLine(file: string, path: JsonPath, message: string): string {
  const where = formatJsonPath(path);
  return where === '' ? `${displayPath(file)}: ${message}` : `${displayPath(file)}: ${where}: ${message}`;
}

export function issueLines(file: string, issues: readonly z.core.$ZodIssue[], raw: unknown): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    for (const message of issueMessages(issue, valueAt(raw, issue.path))) {
      lines.push(problemLine(file, issue.path, message));
    }
  }
  return lines;
}

function issueMessages(issue: z.core.$ZodIssue, value: unknown): string[] {
  if (value === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_format')) {
    return ['required'];
  }
  switch (issue.code) {
    case 'unrecognized_keys':
      // strictObject() writes one line per key, with a suggestion where there is one.
      return issue.message.split('\n');
    case 'invalid_type':
      if (issue.expected === 'int') return [`expected an integer, received ${jsonType(value)}`];
      return [`expected ${issue.expected === 'record' ? 'object' : issue.expected}, received ${jsonType(value)}`];
    case 'invalid_value':
      return issue.values.length === 1
        ? [`expected ${JSON.stringify(issue.values[0])}`]
        : [`expected one of ${issue.values.map(String).join(', ')}`];
    case 'too_small':
      if ((issue.origin === 'array' || issue.origin === 'string') && Number(issue.minimum) === 1) return ['must not be empty'];
      if (issue.origin === 'array') return [`must have at least ${issue.minimum} entries`];
      return [`must be ${issue.inclusive ? '≥' : '>'} ${issue.minimum}, got ${String(value)}`];
    case 'too_big':
      if (issue.origin === 'array') return [`must have at most ${issue.maximum} entries`];
      if (issue.origin === 'string') return [`must be at most ${issue.maximum} characters`];
      return [`must be ${issue.inclusive ? '≤' : '<'} ${issue.maximum}, got ${String(value)}`];
    case 'invalid_key':
      return issue.issues.map((inner) => inner.message);
    default:
      return [issue.message];
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
