/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

export default defineConfig(() => ({
  resolve: { alias: { '@': '/src' } },
  test: {
    testTimeout: 20000,
  },
}));
