#!/usr/bin/env node
// `npm run csp [-- dist]`: after editing <dir>/config.json, rewrite the host header files and print header lines.
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { runnerImport } from "vite";

const dir = resolve(process.argv[2] ?? "dist");
const { module } = await runnerImport(new URL("./securityHeaders.ts", import.meta.url).pathname, { configFile: false, logLevel: "error" });
const input = module.readCspInput(readFileSync(join(dir, "config.json"), "utf8"));
for (const [name, text] of Object.entries(module.headerFiles(input))) writeFileSync(join(dir, name), text);
process.stdout.write(module.headerLines(input));
