/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

export default defineConfig(() => ({
  resolve: { alias: { '@': '/src' } },
  test: {
    testTimeout: 20000,
    setupFiles: ['./vitest.jest-compat.js'],
    alias: [
      { find: new RegExp('^@/(.*)$'), replacement: new URL('./src/$1', import.meta.url).pathname },
    ],
  },
}));
