import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The web app. No React plugin: esbuild's automatic JSX is all the build needs, and the console
// serves the built files (no dev server, no CDN).
export default defineConfig({
  root: fileURLToPath(new URL("./web", import.meta.url)),
  esbuild: { jsx: "automatic" },
  build: {
    outDir: fileURLToPath(new URL("./web/dist", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: true,
  },
});
