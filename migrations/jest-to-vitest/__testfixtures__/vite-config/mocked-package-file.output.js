/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
// Added by codemigrate's jest-to-vitest recipe: JSX in .js files, as babel-jest compiled it for the tests
// (React's automatic runtime); Vite reads JSX only in .jsx/.tsx. Under Vitest only: `vite build` is as it was.
import * as codemigrateVite from 'vite';
const codemigrateJsxInJs = {
  name: 'codemigrate:jsx-in-js',
  enforce: 'pre',
  apply: () => Boolean(process.env.VITEST),
  transform(code, id) {
    const file = id.split('?')[0];
    if (/\/node_modules\//.test(file) || !/\.[cm]?js$/.test(file) || !/<[A-Za-z>]/.test(code)) return null;
    const { transformWithOxc, transformWithEsbuild } = codemigrateVite;
    if (transformWithOxc) return transformWithOxc(code, id, { lang: 'jsx', jsx: { runtime: 'automatic' } });
    return transformWithEsbuild(code, id, { loader: 'jsx', jsx: 'automatic' });
  },
};
// Added by codemigrate's jest-to-vitest recipe: tests mock files inside these packages, which the packages
// require themselves; Jest's registry answered those requires. test.server.deps.inline hands the packages
// to Vite, and this makes each top-level relative require() in them an import through Vitest's mocker.
const codemigrateMockedPackages = (() => {
  const packages = ["fake-deep"];
  const topLevelRequires = (program) => {
    const calls = [];
    const walk = (node, nested) => {
      if (!node || typeof node !== 'object') return;
      if (Array.isArray(node)) return node.forEach((child) => walk(child, nested));
      if (!nested && node.type === 'CallExpression' && node.callee?.type === 'Identifier' && node.callee.name === 'require' && node.arguments?.length === 1 && typeof node.arguments[0]?.value === 'string') calls.push(node);
      const inner = nested || /Function|Class|Method|StaticBlock/.test(node.type ?? '');
      for (const child of Object.values(node)) walk(child, inner);
    };
    walk(program, false);
    return calls.sort((a, b) => a.start - b.start);
  };
  return {
    name: 'codemigrate:mocked-package-requires',
    enforce: 'post',
    // `vite build` bundles these packages as they are.
    apply: () => Boolean(process.env.VITEST),
    transform(code, id) {
      const file = id.split('?')[0].replaceAll('\\', '/');
      if (!packages.some((name) => file.includes(`/node_modules/${name}/`)) || !/\brequire\s*\(/.test(code)) return null;
      let program;
      try {
        program = this.parse(code);
      } catch {
        return null;
      }
      let out = '';
      let at = 0;
      for (const call of topLevelRequires(program)) {
        const specifier = call.arguments[0].value;
        if (!/^\.{1,2}\//.test(specifier) || /\.(?:json|node)$/.test(specifier)) continue;
        if (!code.startsWith('require', call.start)) return null; // offsets that are not the string's
        // A CommonJS file's module.exports is the namespace's default; a mock factory's object is the namespace.
        out += `${code.slice(at, call.start)}((m) => 'default' in m ? m.default : m)(await import(${JSON.stringify(specifier)}))`;
        at = call.end;
      }
      return at === 0 ? null : { code: out + code.slice(at), map: null };
    },
  };
})();

// https://vite.dev/config/
export default defineConfig({
  plugins: [react(), codemigrateJsxInJs, codemigrateMockedPackages],
  server: {
    port: 3000,
  },
  test: {
    environment: 'jsdom',
    include: ['**/__tests__/**/*.?(c|m)[jt]s?(x)', '**/?(*.)+(spec|test).?(c|m)[jt]s?(x)'],
    environmentOptions: {
      jsdom: {
        url: 'http://localhost/',
      },
    },
    fakeTimers: {
      toFake: [
        'setTimeout',
        'clearTimeout',
        'setInterval',
        'clearInterval',
        'Date',
        'hrtime',
        'performance',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'requestIdleCallback',
        'cancelIdleCallback',
      ],
    },
    setupFiles: ['./vitest.jest-compat.js'],
    server: {
      deps: {
        inline: ['fake-deep'],
      },
    },
  }
})
