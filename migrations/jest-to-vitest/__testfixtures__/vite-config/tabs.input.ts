import { defineConfig } from "vite";

export default defineConfig({
	root: "examples",
	resolve: { alias: { "@": "/src" } },
});
