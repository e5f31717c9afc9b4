// Notebook text, file names and option values reach the terminal only through the sanitizer,
// whatever path a message takes: errors, hints, warnings, the summary, reports, annotations.

import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { displayWidth } from "../../../src/terminal/width.js";
import { controlCodes } from "../../unit/run/control-codes.js";
import { CLI, ensureBuilt, runCli, tempDir, writeNotebook } from "./helpers.js";

beforeAll(() => ensureBuilt(), 180_000);

const EVIL = "\u001b]52;c;cHduZWQ=\u0007\u001b]0;PWNED\u0007\u001b[8m";

/** A notebook whose JSON is given raw, with `evil` at the marked places. */
function rawNotebook(dir: string, name: string, json: string): string {
  const path = join(dir, name);
  writeFileSync(path, json.replaceAll("EVIL", JSON.stringify(EVIL).slice(1, -1)));
  return path;
}

const CELL = `"id":"a","metadata":{},"source":""`;

/** The command line of each vector, given a fresh folder. */
const VECTORS: Record<string, (dir: string) => string[]> = {
  "a cell_type": (dir) => [
    rawNotebook(
      dir,
      "t.ipynb",
      `{"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[{"cell_type":"EVIL",${CELL}}]}`,
    ),
  ],
  "an output_type": (dir) => [
    rawNotebook(
      dir,
      "o.ipynb",
      `{"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[{"cell_type":"code",${CELL},"execution_count":null,"outputs":[{"output_type":"EVIL"}]}]}`,
    ),
  ],
  "an unknown top-level key": (dir) => [
    rawNotebook(
      dir,
      "k.ipynb",
      `{"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[],"EVIL":1}`,
    ),
  ],
  "a missing file's name": (dir) => [join(dir, `x${EVIL}.ipynb`)],
  "-p NAME": (dir) => ["-p", `n${EVIL}`, "1", writeNotebook(dir, "p.ipynb", ["1"])],
  "--python PATH": (dir) => ["--python", `py${EVIL}`, writeNotebook(dir, "py.ipynb", ["1"])],
  "--timeout VALUE": (dir) => ["--timeout", `1${EVIL}`, writeNotebook(dir, "to.ipynb", ["1"])],
};

/** What a terminal would obey beyond colour: OSC, DCS and the like, BEL, and hidden text. */
function terminalCommands(text: string): string[] {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  return [...text.matchAll(/\u001b[\]P_^X]|\u0007|\u009b|\u009d|\u001b\[(?:[\d;]*;)?0?8[;m]/g)].map(
    (m) => JSON.stringify(m[0]),
  );
}

/** oprel run in a real pseudo-terminal (script(1)), where colour is kept. */
function onTerminal(args: string[]): string {
  const quoted = [process.execPath, CLI, "run", ...args].map(
    (a) => `'${a.replaceAll("'", "'\\''")}'`,
  );
  const run = spawnSync("script", ["-qec", quoted.join(" "), "/dev/null"], {
    encoding: "utf8",
    env: { ...process.env, TERM: "xterm-256color", NO_COLOR: "", GITHUB_ACTIONS: "true" },
    timeout: 60_000,
  });
  return run.stdout;
}

describe("oprel run: hostile text in messages", () => {
  for (const [what, args] of Object.entries(VECTORS)) {
    it(`sanitizes ${what}, piped and on a terminal`, async () => {
      const dir = tempDir();
      const argv = ["run", ...args(dir)];
      const piped = await runCli(argv, { env: { GITHUB_ACTIONS: "true" } });
      expect(piped.exitCode).not.toBe(0);
      expect(piped.stderr + piped.stdout).toContain("oprel:");
      expect(controlCodes(piped.stderr)).toEqual([]);
      expect(controlCodes(piped.stdout)).toEqual([]);
      const shown = onTerminal(argv.slice(1));
      expect(shown).toContain("oprel:");
      expect(terminalCommands(shown)).toEqual([]);
    });
  }

  it("sanitizes a failing notebook's name and error in every report and the summary", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, `n${EVIL}.ipynb`, [
      "print('fine')",
      `raise ValueError(${JSON.stringify(EVIL)})`,
    ]);
    const junit = join(dir, "j.xml");
    const json = join(dir, "r.json");
    const args = ["run", "--json", json, "--junit", junit, "--junit-cells", "--log-output", path];
    const piped = await runCli(args, { env: { GITHUB_ACTIONS: "true" } });
    expect(piped.exitCode).toBe(1);
    expect(piped.stdout).toContain("::error file=");
    expect(controlCodes(piped.stdout + piped.stderr)).toEqual([]);
    expect(controlCodes(readFileSync(junit, "utf8"))).toEqual([]);
    const report = JSON.parse(readFileSync(json, "utf8"));
    const nb = report.notebooks[0];
    const messages = strings([nb.error, nb.warnings, nb.cells]).join("\n");
    expect(messages).toContain("ValueError");
    expect(controlCodes(messages)).toEqual([]);
    expect(terminalCommands(onTerminal(args.slice(1)))).toEqual([]);
  });

  it("keeps the summary table aligned with escapes and wide characters in names", async () => {
    const dir = tempDir();
    const names = [`a${EVIL}.ipynb`, "中文笔记本.ipynb", "plain.ipynb"];
    const paths = names.map((name) => writeNotebook(dir, name, ["1"]));
    const run = await runCli(["run", "--no-save", ...paths], { cwd: dir });
    expect(run.exitCode).toBe(0);
    const rows = run.stdout.split("\n").filter((l) => / passed +1\/1 /.test(l));
    expect(rows).toHaveLength(3);
    const columns = rows.map((row) => displayWidth(row.slice(0, row.indexOf(" passed "))));
    expect(new Set(columns).size).toBe(1);
  });
});

/** Every string in a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value === null || typeof value !== "object") return [];
  return Object.values(value).flatMap(strings);
}
