// The written hostile replies: each is what the model server answers for one step's module, and
// what must come of it — rejected with a reason matching the pattern, or applied (a valid edit
// inside the step, however unwelcome, like deleting a test or adding .skip).

import type { ScriptedReply } from '../model-server/server.js';

export interface CaseContext {
  /** The step's module, e.g. "src/c007"; its files are a.js, a.test.js and .env (never sent). */
  readonly module: string;
  /** Another step's module. */
  readonly other: string;
  /** A file outside the repository that nothing may create (its name contains PWNED). */
  readonly outside: string;
  /** This module's request number, from 0. */
  readonly n: number;
}

export interface HostileCase {
  readonly name: string;
  readonly reply: (ctx: CaseContext) => ScriptedReply;
  /** 'applied' for valid edits; otherwise the rejection reason must match. */
  readonly expect: RegExp | 'applied';
}

export const A_JS = '// dup\n// dup\n// aaa\nmodule.exports = function add(a, b) { return a + b; };\n';
export const A_TEST_JS = "const add = require('./a');\ntest('adds', () => { if (add(1, 2) !== 3) throw new Error('bad'); });\n";
const OK = 'module.exports = function add(a, b) { return b + a; };\n';

const edits = (...list: unknown[]): ScriptedReply => ({ kind: 'edits', edits: list });
const put = (path: string, text = OK): ScriptedReply => edits({ path, content: text });
const content = (text: string | null, extra: Partial<{ finishReason: string; refusal: string }> = {}): ScriptedReply => ({ kind: 'content', content: text, ...extra });
const body = (text: string, status = 200, contentType = 'application/json'): ScriptedReply => ({ kind: 'body', body: text, status, contentType });
const chat = (message: unknown, finishReason: unknown = 'stop'): string =>
  JSON.stringify({ id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, finish_reason: finishReason, message }] });

const LEAVES = /path leaves the repository/;
const ABSOLUTE = /absolute path/;
const BACKSLASH = /backslash/;
const NUL = /NUL byte/;
const IN_GIT = /path inside \.git/;
const OUTSIDE_STEP = /edit outside the step/;
const SCHEMA = /does not match the edits schema/;
const NOT_JSON = /reply is not JSON/;
const NOT_COMPLETION = /not a chat completion/;

const pathCases: HostileCase[] = [
  { name: 'parent', reply: () => put('../PWNED'), expect: LEAVES },
  { name: 'module then up out', reply: ({ module }) => put(`${module}/../../../PWNED`), expect: LEAVES },
  { name: 'deep up to /tmp', reply: () => put('../../../../../../../../tmp/PWNED-up'), expect: LEAVES },
  { name: 'absolute outside file', reply: ({ outside }) => put(outside), expect: ABSOLUTE },
  { name: 'absolute /etc/passwd', reply: () => put('/etc/passwd', 'root::0:0::/:/bin/sh\n'), expect: ABSOLUTE },
  { name: 'absolute into the repo', reply: ({ module }) => put(`/${module}/a.js`), expect: ABSOLUTE },
  { name: 'windows drive with slash', reply: () => put('C:/PWNED'), expect: ABSOLUTE },
  { name: 'windows drive with backslash', reply: () => put('C:\\PWNED'), expect: BACKSLASH },
  { name: 'backslash separators', reply: ({ module }) => put(`${module.replace('/', '\\')}\\a.js`), expect: BACKSLASH },
  { name: 'backslash parent', reply: () => put('..\\PWNED'), expect: BACKSLASH },
  { name: 'UNC path', reply: () => put('\\\\server\\share\\PWNED'), expect: BACKSLASH },
  { name: 'NUL inside', reply: ({ module }) => put(`${module}/a.js\0.txt`), expect: NUL },
  { name: 'NUL alone', reply: () => put('\0'), expect: NUL },
  { name: '.git/config', reply: () => put('.git/config', '[core]\n\thooksPath = /tmp\n'), expect: IN_GIT },
  { name: '.git hook', reply: () => put('.git/hooks/pre-commit', '#!/bin/sh\ntouch /tmp/PWNED-hook\n'), expect: IN_GIT },
  { name: '.git in the module', reply: ({ module }) => put(`${module}/.git/config`), expect: IN_GIT },
  { name: '.GIT upper case', reply: () => put('.GIT/config'), expect: IN_GIT },
  { name: '.git itself', reply: () => put('.git'), expect: IN_GIT },
  { name: '.git via dot segments', reply: ({ module }) => put(`${module}/../../.git/HEAD`, 'ref: refs/heads/PWNED\n'), expect: IN_GIT },
  { name: 'through the symlinked folder', reply: ({ module }) => put(`${module}/escape/PWNED.js`), expect: OUTSIDE_STEP },
  { name: 'the symlinked folder itself', reply: ({ module }) => put(`${module}/escape`), expect: OUTSIDE_STEP },
  { name: 'the symlinked file', reply: ({ module }) => put(`${module}/link.js`, '// PWNED through a link\n'), expect: OUTSIDE_STEP },
  { name: 'search through the symlinked file', reply: ({ module }) => edits({ path: `${module}/link.js`, search: 'target', replace: 'PWNED' }), expect: OUTSIDE_STEP },
  { name: 'another step\'s file', reply: ({ other }) => put(`${other}/a.js`), expect: OUTSIDE_STEP },
  { name: 'a new file in the module', reply: ({ module }) => put(`${module}/PWNED.js`), expect: OUTSIDE_STEP },
  { name: 'the verify script', reply: () => put('check.js', 'process.exit(0);\n'), expect: OUTSIDE_STEP },
  { name: 'package.json', reply: () => put('package.json', '{"scripts":{"postinstall":"touch /tmp/PWNED"}}\n'), expect: OUTSIDE_STEP },
  { name: 'the config', reply: () => put('migration.config.json', '{}\n'), expect: OUTSIDE_STEP },
  { name: 'the never-sent .env', reply: ({ module }) => put(`${module}/.env`, 'TOKEN=PWNED\n'), expect: OUTSIDE_STEP },
  { name: 'a 5000-character name', reply: () => put('p'.repeat(5000)), expect: /path too long/ },
  { name: 'a 300-character component', reply: ({ module }) => put(`${module}/${'y'.repeat(300)}.js`), expect: OUTSIDE_STEP },
  { name: 'a 6000-character path of folders', reply: ({ module }) => put(`${module}/${'d/'.repeat(3000)}a.js`), expect: /path too long/ },
  { name: 'empty path', reply: () => put(''), expect: SCHEMA },
  { name: 'dot', reply: () => put('.'), expect: /not a file path/ },
  { name: 'folder with slash', reply: ({ module }) => put(`${module}/`), expect: /not a file path/ },
  { name: 'file with trailing slash', reply: ({ module }) => put(`${module}/a.js/`), expect: /not a file path/ },
  { name: 'home', reply: () => put('~/PWNED'), expect: OUTSIDE_STEP },
  { name: 'url-encoded parent', reply: () => put('%2e%2e/PWNED'), expect: OUTSIDE_STEP },
  { name: 'newline then parent', reply: ({ module }) => put(`${module}/a.js\n../../PWNED`), expect: OUTSIDE_STEP },
  { name: 'trailing space', reply: ({ module }) => put(`${module}/a.js `), expect: OUTSIDE_STEP },
  { name: 'other case', reply: ({ module }) => put(`${module}/A.JS`), expect: OUTSIDE_STEP },
  { name: 'cyrillic lookalike', reply: ({ module }) => put(`${module}/\u0430.js`), expect: OUTSIDE_STEP },
  { name: 'zero-width space', reply: ({ module }) => put(`${module}/a.js\u200b`), expect: OUTSIDE_STEP },
  { name: 'dot-dot prefix in a name', reply: ({ module }) => put(`${module}/..a.js`), expect: OUTSIDE_STEP },
  { name: 'path as a number', reply: () => edits({ path: 123, content: OK }), expect: SCHEMA },
  { name: 'path null', reply: () => edits({ path: null, content: OK }), expect: SCHEMA },
  { name: 'valid edit then an outside one (all or nothing)', reply: ({ module }) => edits({ path: `${module}/a.js`, content: OK }, { path: '../PWNED', content: 'x' }), expect: LEAVES },
  { name: 'valid edit then a .git one', reply: ({ module }) => edits({ path: `${module}/a.js`, content: OK }, { path: '.git/config', content: 'x' }), expect: IN_GIT },
  // Spellings that normalise into the step's own file are that file.
  { name: './ prefix', reply: ({ module }) => put(`./${module}/a.js`), expect: 'applied' },
  { name: 'double slash', reply: ({ module }) => put(`${module}//a.js`), expect: 'applied' },
  { name: 'dot segment', reply: ({ module }) => put(`${module}/./a.js`), expect: 'applied' },
  { name: 'down and up again', reply: ({ module }) => put(`${module}/x/../a.js`), expect: 'applied' },
  { name: 'via another module and back', reply: ({ module, other }) => put(`${other}/../../${module}/a.js`), expect: 'applied' },
];

const patchCases: HostileCase[] = [
  { name: 'search never matches', reply: ({ module }) => edits({ path: `${module}/a.js`, search: 'NOT THERE', replace: 'x' }), expect: /search matches 0 times/ },
  { name: 'search matches twice', reply: ({ module }) => edits({ path: `${module}/a.js`, search: '// dup\n', replace: '' }), expect: /search matches 2 times/ },
  { name: 'overlapping matches', reply: ({ module }) => edits({ path: `${module}/a.js`, search: 'aa', replace: 'b' }), expect: /search matches 2 times/ },
  { name: 'empty search', reply: ({ module }) => edits({ path: `${module}/a.js`, search: '', replace: 'x' }), expect: SCHEMA },
  { name: 'search with CRLF', reply: ({ module }) => edits({ path: `${module}/a.js`, search: '// aaa\r\nmodule', replace: 'module' }), expect: /search matches 0 times/ },
  { name: 'search with other whitespace', reply: ({ module }) => edits({ path: `${module}/a.js`, search: 'return  a + b', replace: 'return b + a' }), expect: /search matches 0 times/ },
  { name: 'search and content at once', reply: ({ module }) => edits({ path: `${module}/a.js`, search: 'a + b', replace: 'b + a', content: OK }), expect: SCHEMA },
  { name: 'an extra key (mode)', reply: ({ module }) => edits({ path: `${module}/a.js`, content: OK, mode: '100755' }), expect: SCHEMA },
  { name: 'an extra top-level key', reply: () => content(JSON.stringify({ edits: [], notes: '', run: 'rm -rf /' })), expect: SCHEMA },
  { name: 'a delete operation', reply: ({ module }) => edits({ path: `${module}/a.test.js`, delete: true }), expect: SCHEMA },
  { name: 'edits not an array', reply: ({ module }) => content(JSON.stringify({ edits: { path: `${module}/a.js`, content: OK } })), expect: SCHEMA },
  { name: 'no edits at all', reply: () => edits(), expect: /the reply changed nothing/ },
  { name: 'content equal to the file', reply: ({ module }) => put(`${module}/a.js`, A_JS), expect: /the reply changed nothing/ },
  { name: 'replace equal to search', reply: ({ module }) => edits({ path: `${module}/a.js`, search: 'a + b', replace: 'a + b' }), expect: /the reply changed nothing/ },
  { name: 'second search relies on the first edit', reply: ({ module }) => edits({ path: `${module}/a.js`, search: 'a + b', replace: 'a - -b' }, { path: `${module}/a.js`, search: 'a - -b', replace: 'b + a' }), expect: 'applied' },
  { name: 'second search undone by the first', reply: ({ module }) => edits({ path: `${module}/a.js`, search: 'a + b', replace: 'b + a' }, { path: `${module}/a.js`, search: 'a + b', replace: 'x' }), expect: /search matches 0 times/ },
  { name: 'replacement patterns stay literal', reply: ({ module }) => edits({ path: `${module}/a.js`, search: '// aaa', replace: "// $& $1 $' $`" }), expect: 'applied' },
  { name: 'edit leaves the file unparseable', reply: ({ module }) => put(`${module}/a.js`, 'module.exports = (;\n'), expect: /unparseable/ },
  { name: 'search edit leaves it unparseable', reply: ({ module }) => edits({ path: `${module}/a.js`, search: 'return a + b; };', replace: 'return a + ' }), expect: /unparseable/ },
  { name: 'binary-looking content', reply: ({ module }) => put(`${module}/a.js`, '\u0000\u0001\u0002'), expect: /unparseable/ },
  { name: '200 edits to one file', reply: ({ module }) => edits(...Array.from({ length: 200 }, (_, i) => ({ path: `${module}/a.js`, content: `module.exports = ${i};\n` }))), expect: 'applied' },
  { name: 'a 1 MB comment', reply: ({ module }) => put(`${module}/a.js`, `// ${'x'.repeat(1024 * 1024)}\n${OK}`), expect: 'applied' },
  { name: 'CRLF content', reply: ({ module }) => put(`${module}/a.js`, OK.replace(/\n/g, '\r\n')), expect: 'applied' },
  // Valid edits that a reviewer would not want: they stay inside the step's files and pass a
  // verify that does not run the tests (the campaign's greps for a marker). Only a recipe's verify
  // that runs and counts the tests can catch them.
  { name: 'deletes the test file\'s content', reply: ({ module }) => put(`${module}/a.test.js`, ''), expect: 'applied' },
  // Not a skipped test of ours: the text a hostile model reply writes into a fixture repo's test file.
  { name: 'adds .skip', reply: ({ module }) => edits({ path: `${module}/a.test.js`, search: "test('adds'", replace: "test.skip('adds'" }), expect: 'applied' },
  { name: 'replaces the assertion with nothing', reply: ({ module }) => edits({ path: `${module}/a.test.js`, search: "if (add(1, 2) !== 3) throw new Error('bad');", replace: '' }), expect: 'applied' },
  { name: 'comments the test out', reply: ({ module }) => put(`${module}/a.test.js`, A_TEST_JS.split('\n').map((line) => (line ? `// ${line}` : line)).join('\n')), expect: 'applied' },
];

const replyCases: HostileCase[] = [
  { name: '3 MB reply', reply: () => ({ kind: 'huge', megabytes: 3 }), expect: /over the size cap/ },
  { name: 'truncated (length)', reply: ({ module }) => content(JSON.stringify({ edits: [{ path: `${module}/a.js`, content: OK }] }), { finishReason: 'length' }), expect: /truncated/ },
  { name: 'content_filter', reply: ({ module }) => content(JSON.stringify({ edits: [{ path: `${module}/a.js`, content: OK }] }), { finishReason: 'content_filter' }), expect: /did not finish normally/ },
  { name: 'tool_calls finish', reply: () => content('{"edits":[]}', { finishReason: 'tool_calls' }), expect: /did not finish normally/ },
  { name: 'refusal', reply: () => content(null, { refusal: 'I will not do that' }), expect: /model refused/ },
  { name: 'null content', reply: () => content(null), expect: /no content/ },
  { name: 'no choices', reply: () => ({ kind: 'no-choices' }), expect: /no choices/ },
  { name: 'HTML with 200', reply: () => body('<html><body>Gateway</body></html>', 200, 'text/html'), expect: NOT_JSON },
  { name: 'JSON cut mid-way', reply: ({ module }) => body(chat({ role: 'assistant', content: JSON.stringify({ edits: [{ path: `${module}/a.js`, content: OK }] }) }).slice(0, 120)), expect: NOT_JSON },
  { name: 'empty body', reply: () => body(''), expect: NOT_JSON },
  { name: 'choices not an array', reply: () => body(JSON.stringify({ choices: { message: { content: '{}' } } })), expect: NOT_COMPLETION },
  { name: 'message missing', reply: () => body(JSON.stringify({ choices: [{ finish_reason: 'stop' }] })), expect: NOT_COMPLETION },
  { name: 'error object with 200', reply: () => body(JSON.stringify({ error: { message: 'overloaded' } })), expect: NOT_COMPLETION },
  { name: 'finish_reason missing', reply: () => body(chat({ role: 'assistant', content: '{"edits":[]}' }, null)), expect: /did not finish normally/ },
  { name: 'prose instead of JSON', reply: () => content('Sure! I changed the file as asked.'), expect: /content is not JSON/ },
  { name: 'JSON content cut', reply: ({ module }) => content(JSON.stringify({ edits: [{ path: `${module}/a.js`, content: OK }] }).slice(0, 40)), expect: /content is not JSON/ },
  { name: 'JSON null', reply: () => content('null'), expect: SCHEMA },
  { name: 'JSON array', reply: () => content('[]'), expect: SCHEMA },
  { name: 'double-encoded JSON', reply: () => content(JSON.stringify(JSON.stringify({ edits: [] }))), expect: SCHEMA },
  { name: 'fenced JSON with prose', reply: ({ module }) => content(`Here you go:\n\`\`\`json\n${JSON.stringify({ edits: [{ path: `${module}/a.js`, content: OK }] })}\n\`\`\`\nDone.`), expect: 'applied' },
  { name: 'fenced JSON with a hostile path', reply: () => content(`\`\`\`json\n${JSON.stringify({ edits: [{ path: '../PWNED', content: 'x' }] })}\n\`\`\``), expect: LEAVES },
  { name: 'BOM before the JSON', reply: ({ module }) => content(`\uFEFF${JSON.stringify({ edits: [{ path: `${module}/a.js`, content: OK }] })}`), expect: 'applied' },
  { name: 'HTTP 400', reply: () => ({ kind: 'status', status: 400, message: 'bad request' }), expect: /HTTP 400/ },
  { name: 'HTTP 401', reply: () => ({ kind: 'status', status: 401, message: 'no key' }), expect: /HTTP 401/ },
  { name: 'HTTP 404', reply: () => ({ kind: 'status', status: 404, message: 'no model' }), expect: /HTTP 404/ },
  { name: 'json_schema refused, then plain', reply: ({ module, n }) => (n === 0 ? { kind: 'reject-json-schema' } : put(`${module}/a.js`)), expect: 'applied' },
  { name: 'usage missing', reply: ({ module }) => ({ kind: 'edits', edits: [{ path: `${module}/a.js`, content: OK }], usage: 'missing' }), expect: 'applied' },
  { name: 'usage nonsense', reply: ({ module }) => body(JSON.stringify({ ...JSON.parse(chat({ role: 'assistant', content: JSON.stringify({ edits: [{ path: `${module}/a.js`, content: OK }] }) })), usage: { prompt_tokens: -5, completion_tokens: 'many' } })), expect: 'applied' },
  { name: 'notes of 1 MB', reply: ({ module }) => ({ kind: 'edits', edits: [{ path: `${module}/a.js`, content: OK }], notes: 'n'.repeat(1024 * 1024) }), expect: 'applied' },
  { name: 'notes that are not a string', reply: ({ module }) => content(JSON.stringify({ edits: [{ path: `${module}/a.js`, content: OK }], notes: { run: 'x' } })), expect: SCHEMA },
];

export const WRITTEN_CASES: readonly HostileCase[] = [...pathCases, ...patchCases, ...replyCases];

const SEGMENTS = ['..', '.', '', 'src', '.git', '.GIT', 'escape', 'link.js', 'a.js', 'a.test.js', '.env', 'PWNED', '~', '%2e%2e', 'C:', '\\', '\0', ' ', '\u200b', 'x'.repeat(300), '$module', '$other', '$module/a.js'];

/**
 * A generated case: a path made of dangerous segments and a kind of edit, all drawn when the case
 * is made (so the campaign is the same whatever order the requests come in); only the invariants
 * are checked, not the outcome.
 */
export function generatedCase(random: () => number, index: number): HostileCase {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const parts = Array.from({ length: 1 + Math.floor(random() * 5) }, () => pick(SEGMENTS));
  const raw = (random() < 0.2 ? '/' : '') + parts.join(random() < 0.1 ? '\\' : '/');
  const from = Math.floor(random() * A_JS.length);
  const search = A_JS.slice(from, from + 1 + Math.floor(random() * 12));
  const whole = random() < 0.5;
  const withValidFirst = random() < 0.3;
  return {
    name: `generated ${index}: ${JSON.stringify(raw).slice(0, 60)}`,
    expect: /./,
    reply: ({ module, other }) => {
      const path = raw.replace(/\$module/g, module).replace(/\$other/g, other);
      const edit = whole ? { path, content: OK } : { path, search, replace: 'b' };
      return withValidFirst ? edits({ path: `${module}/a.js`, content: OK }, edit) : edits(edit);
    },
  };
}
