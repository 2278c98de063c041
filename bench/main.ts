/**
 * `npm run bench`: every benchmark in one process (stand-ins in-process, one Chromium), a table per section on
 * stdout, everything in bench/results.json. Loaded by bench/run.mjs through Vite's module runner (Node 20 cannot run
 * TypeScript itself). See bench/README.md for the method of each section.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, freemem, release, totalmem, type as osType } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { chromiumLaunchOptions } from "../e2e/browser";
import { APP_PORT, GRAPH_PORT, IDENTITY_PORT } from "../e2e/standins/constants";
import { startStandins, type Standins } from "../e2e/standins/start";
import { runBundle } from "./bundle";
import { runColdStart } from "./coldStart";
import { runLatency } from "./latency";
import { log, portInUse, round, sleep } from "./lib";
import { runRender } from "./render";
import { BOARD_CASES, runRequests } from "./requests";
import { runSoak } from "./soak";

export const SECTIONS = ["bundle", "requests", "latency", "coldstart", "render", "soak"] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  root: string;
  distDir: string;
  sections: Section[];
  /** Fewer repetitions: a smoke run of the whole pipeline in about a minute and a half. */
  quick: boolean;
  /** Seconds to wait for ports 5443-5445 to become free (e2e tests running). */
  portWaitSeconds: number;
}

const POLL_INTERVAL_SECONDS = 5;
const QUICK_CASES = BOARD_CASES.filter((c) => ["10", "651", "5,000"].includes(c.label));

async function waitForFreePorts(seconds: number): Promise<void> {
  const ports = [APP_PORT, IDENTITY_PORT, GRAPH_PORT];
  const deadline = Date.now() + seconds * 1000;
  let told = false;
  for (;;) {
    const busy = (await Promise.all(ports.map(async (p) => ((await portInUse(p)) ? p : null)))).filter((p): p is number => p !== null);
    if (!busy.length) return;
    if (Date.now() > deadline) {
      throw new Error(
        `Port(s) ${busy.join(", ")} still in use after ${seconds} s: the stand-ins are running elsewhere (an e2e run, or ` +
          "`node e2e/standins/serve.mjs`). Stop that run and start the bench again, or wait longer with --port-wait=<seconds>.",
      );
    }
    if (!told) {
      log(`port(s) ${busy.join(", ")} busy (e2e tests running?): waiting up to ${seconds} s for them to be free…`);
      told = true;
    }
    await sleep(2000);
  }
}

async function startStandinsWhenFree(options: BenchOptions): Promise<Standins> {
  for (let attempt = 1; ; attempt++) {
    await waitForFreePorts(options.portWaitSeconds);
    try {
      return await startStandins({ distDir: options.distDir });
    } catch (error) {
      // Another run grabbed a port between the check and the bind: wait again, a few times.
      if (attempt < 3 && /already in use/.test(String(error))) continue;
      throw error;
    }
  }
}

function machineInfo(browserVersion: string | null, root: string) {
  const cpuList = cpus();
  let commit: string | null = null;
  let dirty: boolean | null = null;
  try {
    commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
    dirty = execFileSync("git", ["status", "--porcelain"], { cwd: root, encoding: "utf8" }).trim().length > 0;
  } catch {
    /* not a git checkout */
  }
  return {
    os: `${osType()} ${release()}`,
    cpuModel: cpuList[0]?.model ?? "unknown",
    cores: cpuList.length,
    memoryGb: round(totalmem() / 1e9, 1),
    freeMemoryGb: round(freemem() / 1e9, 1),
    node: process.version,
    chromium: browserVersion,
    git: { commit, dirty },
  };
}

export async function main(options: BenchOptions): Promise<number> {
  const started = Date.now();
  const timings: Record<string, number> = {};
  const results: Record<string, unknown> = {};
  const texts: string[] = [];
  const want = (s: Section) => options.sections.includes(s);
  let failed = false;
  let browserVersion: string | null = null;
  const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    try {
      return await fn();
    } finally {
      timings[name] = round((Date.now() - t) / 1000, 1);
      log(`${name} done in ${timings[name]} s`);
    }
  };
  const print = (text: string) => {
    texts.push(text);
    process.stdout.write(`${text}\n`);
  };

  const finish = (): number => {
    const report = {
      generatedAt: new Date().toISOString(),
      machine: machineInfo(browserVersion, options.root),
      options: { sections: options.sections, quick: options.quick, pollIntervalSeconds: POLL_INTERVAL_SECONDS },
      secondsPerSection: timings,
      totalSeconds: round((Date.now() - started) / 1000, 1),
      ...results,
    };
    const file = join(options.root, "bench", "results.json");
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    print(
      `\nMachine: ${report.machine.cpuModel} × ${report.machine.cores} cores, ${report.machine.memoryGb} GB, ${report.machine.os}, ` +
        `Node ${report.machine.node}, Chromium ${report.machine.chromium ?? "–"}. Total ${report.totalSeconds} s ` +
        `(${Object.entries(timings).map(([k, v]) => `${k} ${v} s`).join(", ")}). Results: bench/results.json`,
    );
    return failed ? 1 : 0;
  };

  if (want("bundle")) {
    const { result, text } = await timed("bundle", async () => runBundle(options.distDir));
    results.bundle = result;
    print(text);
  }

  const browserSections = SECTIONS.filter((s) => s !== "bundle" && want(s));
  let browser: Browser | null = null;
  let standins: Standins | null = null;
  if (browserSections.length) {
    try {
      try {
        standins = await startStandinsWhenFree(options);
        browser = await chromium.launch(chromiumLaunchOptions());
      } catch (error) {
        failed = true;
        const message = error instanceof Error ? error.message : String(error);
        for (const s of browserSections) results[s] = { error: message };
        print(`\nBrowser sections (${browserSections.join(", ")}) not run: ${message}`);
        return finish();
      }
      browserVersion = browser.version();
      const b = browser;
      const run = async (name: Section, fn: () => Promise<{ result: unknown; text: string }>) => {
        if (!want(name)) return;
        try {
          const { result, text } = await timed(name, fn);
          results[name] = result;
          print(text);
        } catch (error) {
          failed = true;
          results[name] = { error: String(error instanceof Error ? (error.stack ?? error.message) : error) };
          print(`\n${name}: FAILED — ${error instanceof Error ? error.message : String(error)}`);
        }
      };
      const q = options.quick;
      await run("requests", () => runRequests(b, { intervalSeconds: POLL_INTERVAL_SECONDS, ...(q ? { cases: QUICK_CASES } : {}) }));
      await run("latency", () => runLatency(b, { intervalSeconds: POLL_INTERVAL_SECONDS, changes: q ? 8 : 24 }));
      await run("coldstart", () => runColdStart(b, { runs: q ? 3 : 8 }));
      await run("render", () => runRender(b, { intervalSeconds: POLL_INTERVAL_SECONDS, rounds: q ? 2 : 5 }));
      await run("soak", () => runSoak(b, { days: q ? 2 : 4, intervalSeconds: POLL_INTERVAL_SECONDS }));
    } finally {
      await browser?.close();
      await standins?.close();
    }
  }

  return finish();
}
