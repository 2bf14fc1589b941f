// The JSX-in-.js plugin vite-config.ts adds to a React project's own Vite config, run by this
// repository's Vitest and Vite (Oxc on Vite 8; the esbuild branch serves Vite 4 to 7).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const output = readFileSync(join(import.meta.dirname, '__testfixtures__/vite-config/react-jsx-in-js.output.js'), 'utf8');
/** The plugin as the fixture shows it, with the classic runtime (React < 17), whose factory the test defines. */
const plugin = /^import \* as codemigrateVite[^]*?^};$/m.exec(output)![0].replace("runtime: 'automatic'", "runtime: 'classic'").replace("jsx: 'automatic'", "jsx: 'transform'");

function vitest(plugins: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'codemigrate-jsx-in-js-'));
  try {
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(dir, 'vite.config.js'), `import { defineConfig } from 'vite';\n${plugin}\nexport default defineConfig({ plugins: [${plugins}], test: { environment: 'node' } });\n`);
    writeFileSync(join(dir, 'a.test.js'), "import { it, expect } from 'vitest';\nconst React = { createElement: (type, props, ...children) => ({ type, children }) };\nit('compiles JSX', () => {\n  expect(<b>x</b>).toEqual({ type: 'b', children: ['x'] });\n});\n");
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS'));
    const child = spawnSync(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run'], { cwd: dir, encoding: 'utf8', env: { ...env, CI: 'true', NO_COLOR: '1' } });
    return { status: child.status, output: stripVTControlCharacters(child.stdout + child.stderr) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("vite-config's JSX-in-.js plugin (real Vitest run)", () => {
  // (Without it Vite stops: "Failed to parse source for import analysis … name the file with the .jsx".)
  it('lets Vitest load a .js test file with JSX, which Vite alone refuses', () => {
    const withPlugin = vitest('codemigrateJsxInJs');
    expect(withPlugin.output).toMatch(/1 passed/);
    expect(withPlugin.status).toBe(0);
  });
});
