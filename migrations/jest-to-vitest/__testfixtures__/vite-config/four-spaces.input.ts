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
});
