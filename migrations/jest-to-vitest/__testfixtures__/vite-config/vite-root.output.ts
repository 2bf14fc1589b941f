/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'examples',
  build: { outDir: '../dist' },
  test: {
    root: new URL('./', import.meta.url).pathname,
    environment: 'node',
    include: ['**/__tests__/**/*.?(c|m)[jt]s?(x)', '**/?(*.)+(spec|test).?(c|m)[jt]s?(x)'],
    setupFiles: ['./vitest.jest-compat.js'],
  },
});
