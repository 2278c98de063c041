import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

// One-way data flow: config -> auth -> graph -> presence/board -> ui. Each layer lists what it may NOT import,
// so a wrong arrow fails `npm test` instead of waiting for review.
const layer = (files, banned, extra = {}) => ({
  files,
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: banned.map((dir) => ({
          group: [`**/${dir}/*`, `../${dir}/*`, `./${dir}/*`],
          message: `${files[0]} may not import from src/${dir} (see the one-way flow in README).`,
        })),
      },
    ],
    ...extra,
  },
});

const noFetch = {
  "no-restricted-globals": [
    "error",
    { name: "fetch", message: "Only src/graph and src/config speak HTTP; go through the Graph client." },
    { name: "XMLHttpRequest", message: "Only src/graph speaks HTTP." },
  ],
};

export default tseslint.config(
  { ignores: ["dist", "node_modules", "test-results", "playwright-report", "bench/results.json"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      // The classic hook rules. The React Compiler rules in "recommended" assume the compiler, which we do not use.
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      "no-restricted-syntax": [
        "error",
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: "Text from Graph is untrusted: render it as text (see src/presence/safeText.ts).",
        },
      ],
    },
  },
  layer(["src/config/**"], ["auth", "graph", "presence", "board", "demo", "ui"]),
  layer(["src/auth/**"], ["graph", "presence", "board", "demo", "ui"], noFetch),
  layer(["src/graph/**"], ["auth", "presence", "board", "demo", "ui"]),
  layer(["src/presence/**"], ["auth", "board", "demo", "config"], noFetch),
  layer(["src/ui/**"], ["auth", "graph", "board", "demo", "config"], noFetch),
  layer(["src/demo/**"], ["auth", "board", "ui", "config"], noFetch),
  layer(["src/board/**"], ["demo"], noFetch),
);
