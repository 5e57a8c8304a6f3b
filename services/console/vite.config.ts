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
    rollupOptions: {
      output: {
        // A language's catalogue chunks are named for it, so the bench can count the one a first
        // screen waits for (bench/src/benches/console.ts).
        chunkFileNames: (chunk) =>
          chunk.facadeModuleId?.includes("/i18n/messages/")
            ? "assets/catalogue-[name]-[hash].js"
            : "assets/[name]-[hash].js",
      },
    },
  },
});
