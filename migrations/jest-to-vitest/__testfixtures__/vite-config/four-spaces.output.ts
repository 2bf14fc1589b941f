/// <reference types="vitest/config" />
import { defineConfig } from "vite";

// A string whose lines start with two spaces: not the file's indentation.
const banner = `<header>
  <p>built</p>
</header>`;

export default defineConfig({
    plugins: [],
    define: { BANNER: JSON.stringify(banner) },
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
