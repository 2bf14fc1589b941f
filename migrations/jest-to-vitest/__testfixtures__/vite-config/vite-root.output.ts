/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'examples',
  build: { outDir: '../dist' },
  test: {
    root: new URL('./', import.meta.url).pathname,
    environment: 'node',
    setupFiles: ['./vitest.jest-compat.js'],
  },
});
