import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.{ts,tsx}", "scripts/**/*.test.ts", "e2e/standins/**/*.test.ts"],
    environment: "node",
    pool: "threads",
  },
});
