import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { headerFiles, readCspInput } from "./scripts/securityHeaders";

/** Emit the Content-Security-Policy for static hosts (`_headers`, `staticwebapp.config.json`) from config.json. */
function securityHeaders(): Plugin {
  return {
    name: "presence-board-security-headers",
    apply: "build",
    generateBundle() {
      const input = readCspInput(readFileSync(resolve(import.meta.dirname, "public/config.json"), "utf8"));
      for (const [fileName, source] of Object.entries(headerFiles(input))) this.emitFile({ type: "asset", fileName, source });
    },
  };
}

// Two HTML entries: the board, and the MSAL redirect bridge (which must not load the app).
export default defineConfig({
  base: "./",
  plugins: [react(), securityHeaders()],
  server: { port: 5173, strictPort: true },
  preview: { port: 4173, strictPort: true },
  build: {
    target: "es2022",
    sourcemap: false,
    // dist/.vite/manifest.json: the chunk graph scripts/bundle-budget.mjs and `npm run bench` measure.
    manifest: true,
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, "index.html"),
        redirect: resolve(import.meta.dirname, "redirect.html"),
      },
    },
  },
});
