/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

export default defineConfig({
  resolve: {
    alias: { '@': '/src' },
  },
  build: { outDir: 'dist' },
  test: {
    environment: 'node',
    snapshotSerializers: ['./test/serializer.js'],
    include: ['**/__tests__/**/*.?(c|m)[jt]s?(x)', '**/?(*.)+(spec|test).?(c|m)[jt]s?(x)'],
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/**/*.d.ts', 'src/generated/**'],
      reportsDirectory: 'reports/coverage',
      reporter: ['lcov', 'text'],
    },
    setupFiles: ['./vitest.jest-compat.js'],
    alias: [
      { find: new RegExp('^@app/(.*)$'), replacement: new URL('./src/$1', import.meta.url).pathname },
      { find: new RegExp('^lodash-es$'), replacement: 'lodash' },
    ],
  },
});
