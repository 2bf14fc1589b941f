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

// https://vite.dev/config/
export default defineConfig({
  plugins: [react(), codemigrateJsxInJs],
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
  }
})
