// A generated repository of N small CommonJS modules for end-to-end tests, with a check script
// that the test recipe's verify command runs (syntax check, a FAIL_VERIFY marker, optional sleep).

import { makeTempRepo, type TempRepo } from './temp-repo.js';

export const CHECK_SCRIPT = `const fs = require('fs');
const sleep = Number(process.env.CHECK_SLEEP_MS || 0);
if (sleep) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, sleep);
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, 'utf8');
  if (text.includes('FAIL_VERIFY')) { console.error(file + ': FAIL_VERIFY marker'); process.exit(1); }
  new Function(text);
}
console.log('checked ' + (process.argv.length - 2) + ' files');
`;

export function moduleFiles(modules: number, extra: Record<string, string> = {}): Record<string, string> {
  const files: Record<string, string> = { 'check.js': CHECK_SCRIPT, 'package.json': '{ "name": "fixture", "version": "1.0.0" }\n' };
  for (let index = 0; index < modules; index += 1) {
    const dir = `src/mod${String(index).padStart(3, '0')}`;
    files[`${dir}/a.js`] = `var oldName = ${index};\nmodule.exports = oldName + 1;\n`;
    files[`${dir}/b.js`] = `// unchanged by rename\nvar other = require('./a');\nmodule.exports = function twice() { return other * 2; };\n`;
  }
  return { ...files, ...extra };
}

export function makeModuleRepo(modules: number, extra: Record<string, string> = {}): TempRepo {
  return makeTempRepo(moduleFiles(modules, extra));
}
