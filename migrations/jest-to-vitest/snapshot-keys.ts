// ts-morph transform over `<dir>/__snapshots__/<test>.snap`: renames each key from Jest's form to
// Vitest's (snapshot-names.ts) from the describe structure of `<dir>/<test>`, which the planner
// puts in the same step. Under CI=true Vitest fails every entry whose key it would write
// differently: every one inside a describe, and every hinted one. Only the key literals change:
// values, order, header and line endings stay byte for byte, so it runs before or after
// snapshot-header.ts alike. Keys that cannot be mapped are reported, once per key; without the
// test file, once per snapshot file.

import { posix } from 'node:path';
import { ts, type SourceFile } from 'ts-morph';
import type { TsMorphContext } from './ts-morph-context.js';
import { buildNameLookup } from './snapshot-names.js';
import { collectTestTitles } from './test-titles.js';

interface SnapshotKey {
  /** The key's value: `<name> <n>`. */
  readonly key: string;
  /** Offsets of the key's template literal, backticks included, in the .snap text. */
  readonly start: number;
  readonly end: number;
  readonly line: number;
}

const ADVICE = `Vitest joins the describe titles, the test title and a hint with ' > ': rename it by hand, or rewrite it with \`vitest run -u\` and review the diff`;

/** Jest's and Vitest's printBacktickString. */
function printBacktickString(text: string): string {
  return `\`${text.replace(/`|\\|\$\{/g, '\\$&')}\``;
}

/** `exports[\`key\`] = \`value\`;` statements, read with the JS parser rather than by pattern. */
function readSnapshotKeys(text: string): SnapshotKey[] {
  const file = ts.createSourceFile('snapshot.js', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const keys: SnapshotKey[] = [];
  for (const statement of file.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) continue;
    const target = statement.expression.left;
    if (!ts.isElementAccessExpression(target) || !ts.isIdentifier(target.expression) || target.expression.text !== 'exports') continue;
    const literal = target.argumentExpression;
    if (!ts.isNoSubstitutionTemplateLiteral(literal)) continue;
    const start = literal.getStart(file);
    keys.push({ key: literal.text, start, end: literal.end, line: file.getLineAndCharacterOfPosition(start).line + 1 });
  }
  return keys;
}

/** `src/__snapshots__/a.test.tsx.snap` → `src/a.test.tsx` (Jest's default resolver, and Vitest's). */
function testPathOf(snapshotPath: string): string | undefined {
  const dir = posix.dirname(snapshotPath);
  return posix.basename(dir) === '__snapshots__' ? posix.join(posix.dirname(dir), posix.basename(snapshotPath, '.snap')) : undefined;
}

export default function transform(_sourceFile: SourceFile, ctx: TsMorphContext): string | undefined {
  if (!ctx.path.endsWith('.snap')) return undefined;
  const keys = readSnapshotKeys(ctx.text);
  const testPath = testPathOf(ctx.path);
  // The engine's Project holds the step's files at "/<repo path>".
  const testFile = testPath === undefined ? undefined : ctx.project.getSourceFile(`/${testPath}`);
  if (testPath === undefined || testFile === undefined) {
    // A name without a space is neither inside a describe nor hinted: the same key in both.
    const first = keys.find((entry) => entry.key.replace(/ \d+$/, '').includes(' '));
    if (first) {
      ctx.report({
        line: first.line,
        message: `snapshot keys not checked: ${testPath ?? 'the test file'} is not in this step. Jest joins the describe titles and the test title with ' ' and adds a hint as ': hint', Vitest joins all with ' > ': rename the keys by hand, or rewrite them with \`vitest run -u\` and review the diff`,
      });
    }
    return undefined;
  }
  const lookup = buildNameLookup(collectTestTitles(testFile.compilerNode), testPath);
  const newline = ctx.text.includes('\r\n') ? '\r\n' : '\n';
  let output = '';
  let copied = 0;
  for (const entry of keys) {
    const counter = / \d+$/.exec(entry.key);
    if (!counter) continue;
    const name = entry.key.slice(0, counter.index);
    const found = lookup(name);
    if (found.kind === 'report') {
      ctx.report({ line: entry.line, message: `snapshot key ${JSON.stringify(entry.key)} left as Jest wrote it: ${found.why}. ${ADVICE}` });
    } else if (found.kind === 'rename' && found.name !== name) {
      // A title with a line break: the parser gives it as "\n", the file may hold "\r\n".
      const raw = printBacktickString(found.name + counter[0]).replace(/\r?\n/g, newline);
      output += ctx.text.slice(copied, entry.start) + raw;
      copied = entry.end;
    }
  }
  return copied === 0 ? undefined : output + ctx.text.slice(copied);
}
