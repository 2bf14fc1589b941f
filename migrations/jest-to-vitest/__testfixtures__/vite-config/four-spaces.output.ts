/// <reference types="vitest/config" />
import { defineConfig } from "vite";

export default defineConfig({
    plugins: [],
    server: {
        port: 3000,
    },
    test: {
        testTimeout: 20000,
        include: ['**/__tests__/**/*.?(c|m)[jt]s?(x)', '**/?(*.)+(spec|test).?(c|m)[jt]s?(x)'],
        setupFiles: ['./vitest.jest-compat.js'],
        alias: [
            { find: new RegExp('^@/(.*)$'), replacement: new URL('./src/$1', import.meta.url).pathname },
        ],
    },
});
