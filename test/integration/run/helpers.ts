// Running the real, compiled `oprel` command on notebooks written to temporary folders.

import { spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const CLI = join(ROOT, "dist", "bin", "oprel.js");
export const CORPUS = join(ROOT, "test", "fixtures", "corpus");

function newestMtime(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Compiles the project when dist/ is older than the sources. Test files run in parallel forks,
 * so one builds under a lock folder while the others wait for it.
 */
export function ensureBuilt(): void {
  const lock = join(ROOT, "dist", ".oprel-build-lock");
  const fresh = () =>
    existsSync(CLI) &&
    statSync(CLI).mtimeMs >=
      Math.max(newestMtime(join(ROOT, "src")), newestMtime(join(ROOT, "bin")));
  const deadline = Date.now() + 120_000;
  while (!fresh()) {
    mkdirSync(join(ROOT, "dist"), { recursive: true });
    try {
      mkdirSync(lock);
    } catch {
      if (Date.now() > deadline) throw new Error("timed out waiting for another build of oprel");
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 120_000)
        rmSync(lock, { recursive: true, force: true });
      spawnSync("sleep", ["0.2"]);
      continue;
    }
    try {
      // The bundle builds even when a file has a type error (esbuild strips types); only a
      // syntax error stops it.
      const build = spawnSync("npx", ["tsx", "scripts/bundle.ts"], {
        cwd: ROOT,
        encoding: "utf8",
      });
      if (!existsSync(CLI)) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
    return;
  }
}

export interface CliResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

export interface RunningCli {
  child: ReturnType<typeof spawn>;
  result: Promise<CliResult>;
  /** Resolves once stdout contains the text. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
}

export function startCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined> } = {},
): RunningCli {
  const started = performance.now();
  const env: Record<string, string | undefined> = {
    ...process.env,
    GITHUB_ACTIONS: undefined,
    NO_COLOR: undefined,
  };
  for (const [k, v] of Object.entries(options.env ?? {})) env[k] = v;
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const watchers: { text: string; resolve: () => void }[] = [];
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    for (const w of [...watchers]) if (stdout.includes(w.text)) w.resolve();
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const result = new Promise<CliResult>((resolve) => {
    child.on("close", (exitCode, signal) =>
      resolve({ exitCode, signal, stdout, stderr, durationMs: performance.now() - started }),
    );
  });
  return {
    child,
    result,
    waitFor(text, timeoutMs = 20_000) {
      if (stdout.includes(text)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(`"${text}" never appeared; stdout so far:\n${stdout}\nstderr:\n${stderr}`),
            ),
          timeoutMs,
        );
        watchers.push({
          text,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
  };
}

export function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined> } = {},
): Promise<CliResult> {
  return startCli(args, options).result;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "oprel-run-"));
}

export type CellSpec =
  | string
  | { source: string; tags?: string[]; type?: "code" | "markdown" | "raw"; outputs?: unknown[] };

/** A minimal valid nbformat 4.5 notebook, written to dir/name. */
export function writeNotebook(
  dir: string,
  name: string,
  cells: CellSpec[],
  metadata: Record<string, unknown> = {},
): string {
  const nb = {
    cells: cells.map((spec, i) => {
      const c = typeof spec === "string" ? { source: spec } : spec;
      const type = c.type ?? "code";
      const base = {
        cell_type: type,
        id: `cell-${i}`,
        metadata: c.tags ? { tags: c.tags } : {},
        source: c.source,
      };
      return type === "code" ? { ...base, execution_count: null, outputs: c.outputs ?? [] } : base;
    }),
    metadata: {
      kernelspec: { display_name: "Python 3", language: "python", name: "python3" },
      language_info: { name: "python" },
      ...metadata,
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  const path = join(dir, name);
  writeFileSync(path, `${JSON.stringify(nb, null, 1)}\n`);
  return path;
}

export interface SavedCell {
  cell_type: string;
  id: string;
  source: string | string[];
  metadata: Record<string, unknown> & {
    tags?: string[];
    papermill?: {
      status: string;
      exception: boolean | null;
      start_time: string | null;
      end_time: string | null;
      duration: number | null;
    };
    execution?: Record<string, string>;
  };
  execution_count?: number | null;
  outputs?: {
    output_type: string;
    name?: string;
    text?: string | string[];
    ename?: string;
    evalue?: string;
    traceback?: string[];
    data?: Record<string, unknown>;
  }[];
}

export interface SavedNotebook {
  cells: SavedCell[];
  metadata: Record<string, unknown> & { papermill?: Record<string, unknown> };
}

export function readNotebook(path: string): SavedNotebook {
  return JSON.parse(readFileSync(path, "utf8")) as SavedNotebook;
}

export function text(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join("") : (value ?? "");
}

/** All stream text of a cell. */
export function streamText(cell: SavedCell | undefined): string {
  return (cell?.outputs ?? [])
    .filter((o) => o.output_type === "stream")
    .map((o) => text(o.text))
    .join("");
}

export function codeCells(nb: SavedNotebook): SavedCell[] {
  return nb.cells.filter((c) => c.cell_type === "code");
}
