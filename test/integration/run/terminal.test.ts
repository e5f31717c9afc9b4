// oprel run as a person sees it on a terminal (a real pseudo-terminal through script(1)), and
// what it loads: the headless path never imports ink or react.

import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI, ensureBuilt, ROOT, tempDir, writeNotebook } from "./helpers.js";

beforeAll(() => ensureBuilt(), 180_000);

describe("oprel run on a terminal", () => {
  it("draws live progress lines, redrawing them in place", () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "tty.ipynb", ["import time\ntime.sleep(0.8)", "print('done')"]);
    const run = spawnSync(
      "script",
      ["-qec", `${process.execPath} ${CLI} run ${path}`, "/dev/null"],
      {
        encoding: "utf8",
        env: { ...process.env, TERM: "xterm-256color", NO_COLOR: "", COLUMNS: "80" },
        timeout: 30_000,
      },
    );
    expect(run.status).toBe(0);
    // A live line, then the same line erased (cursor up, clear) and drawn again with a later time.
    expect(run.stdout).toMatch(/tty\.ipynb {2}cell 1 of 2 {2}\d+ms/);
    expect(run.stdout).toContain("\u001b[1F\u001b[J");
    expect(run.stdout).toContain("passed in");
    expect(run.stdout).toMatch(/notebook +status +cells +duration/);
  });
});

describe("what oprel run loads", () => {
  it("never imports ink, react, the assistant or the gateway client", () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "plain.ipynb", ["print(1)"]);
    const log = join(dir, "imports.log");
    const hooks = join(dir, "hooks.mjs");
    writeFileSync(
      hooks,
      `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, resolved.url + "\\n");
  return resolved;
}\n`,
    );
    const register = join(dir, "register.mjs");
    writeFileSync(
      register,
      `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
    );
    const run = spawnSync(
      process.execPath,
      ["--import", pathToFileURL(register).href, CLI, "run", path, "-y", "a: 1"],
      {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 30_000,
      },
    );
    expect(run.status, run.stderr).toBe(0);
    // The command is a bundle: map each loaded chunk to the source files esbuild put in it.
    const meta = JSON.parse(readFileSync(join(ROOT, "dist/bin/meta.json"), "utf8")) as {
      outputs: Record<string, { inputs: Record<string, unknown> }>;
    };
    const loaded = readFileSync(log, "utf8")
      .split("\n")
      .filter((url) => url.startsWith("file:"))
      .map((url) => relative(ROOT, fileURLToPath(url)));
    const sources = loaded.flatMap((chunk) => Object.keys(meta.outputs[chunk]?.inputs ?? {}));
    expect(loaded).toContain("dist/bin/oprel.js");
    expect(sources.some((s) => s.includes("node_modules/yaml/"))).toBe(true); // the lazy -y parser
    expect(sources.filter((s) => /node_modules\/(ink|react)\//.test(s))).toEqual([]);
    expect(sources.filter((s) => /^src\/ai\/|node_modules\/(openai|zod)\//.test(s))).toEqual([]);
    // The gateway client (~170 ms to import) loads only with --gateway.
    expect(sources.filter((s) => /node_modules\/(@jupyterlab|@lumino|ws)\//.test(s))).toEqual([]);
    expect(sources.filter((s) => s.startsWith("src/kernel/gateway/gateway-kernel"))).toEqual([]);
  });

  it("sets up no grapheme segmentation (30-100 ms of ICU data) for narrow text", () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "plain.ipynb", ["print('plain text')"]);
    const log = join(dir, "segmenters.log");
    const spy = join(dir, "spy.mjs");
    writeFileSync(
      spy,
      `import { appendFileSync } from "node:fs";
const Original = Intl.Segmenter;
Intl.Segmenter = class extends Original {
  constructor(...args) { super(...args); appendFileSync(${JSON.stringify(log)}, new Error().stack + "\\n"); }
};
`,
    );
    writeFileSync(log, "");
    const run = spawnSync(
      process.execPath,
      ["--import", pathToFileURL(spy).href, CLI, "run", "--log-output", path],
      {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 30_000,
      },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("plain text");
    expect(readFileSync(log, "utf8")).toBe("");
  });
});
