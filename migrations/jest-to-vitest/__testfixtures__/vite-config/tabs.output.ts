/// <reference types="vitest/config" />
import { defineConfig } from "vite";

export default defineConfig({
	root: "examples",
	resolve: { alias: { "@": "/src" } },
	test: {
		root: new URL('./', import.meta.url).pathname,
		testTimeout: 20000,
		include: ['**/__tests__/**/*.?(c|m)[jt]s?(x)', '**/?(*.)+(spec|test).?(c|m)[jt]s?(x)'],
		setupFiles: ['./vitest.jest-compat.js'],
		alias: [
			{ find: new RegExp('^@/(.*)$'), replacement: new URL('./src/$1', import.meta.url).pathname },
		],
	},
});
