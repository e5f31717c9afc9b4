// What oprel run refuses before running anything (exit 2, notebook untouched, no cell run), and a
// file named twice, which runs once.

import { chmodSync, existsSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { codeCells, ensureBuilt, readNotebook, runCli, tempDir, writeNotebook } from "./helpers.js";

beforeAll(() => ensureBuilt(), 180_000);

/** A notebook whose one cell appends a line to `ran.log` beside it, so every run leaves a trace. */
function tracedNotebook(name = "n.ipynb") {
  const dir = tempDir();
  const log = join(dir, "ran.log");
  const path = writeNotebook(dir, name, [`open(${JSON.stringify(log)}, "a").write("ran\\n")`]);
  const runs = () => (existsSync(log) ? readFileSync(log, "utf8").split("\n").length - 1 : 0);
  return { dir, path, runs };
}

describe("oprel run: refused before anything runs", () => {
  it("refuses a read-only notebook unless -o writes elsewhere", async () => {
    const { dir, path, runs } = tracedNotebook();
    chmodSync(path, 0o444);
    const before = readFileSync(path, "utf8");
    const refused = await runCli(["run", path]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain("is read-only");
    expect(refused.stderr).toContain("-o");
    expect(runs()).toBe(0);
    expect(readFileSync(path, "utf8")).toBe(before);

    const out = join(dir, "out.ipynb");
    const elsewhere = await runCli(["run", "-o", out, path]);
    expect(elsewhere.exitCode).toBe(0);
    expect(codeCells(readNotebook(out))[0]?.execution_count).toBe(1);
    expect(readFileSync(path, "utf8")).toBe(before);
  });

  it("finds report paths it could not write before the run, not after it", async () => {
    const { dir, path, runs } = tracedNotebook();
    for (const [flag, report, why] of [
      ["--json", join(dir, "missing", "r.json"), "does not exist"],
      ["--junit", dir, "it is a folder"],
      ["--json", join(path, "r.json"), "does not exist"],
    ]) {
      const run = await runCli(["run", flag as string, report as string, path]);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toContain(`${flag} ${report} cannot be written: `);
      expect(run.stderr).toContain(why);
    }
    expect(runs()).toBe(0);
  });

  it.each([
    [["--timeout", "-1"], "--timeout '-1' is not a positive number of seconds"],
    [["--notebook-timeout", "-5"], "--notebook-timeout '-5' is not a positive number"],
    [["-j", "-1"], "-j '-1' is not a positive whole number"],
    [["--memory-limit", "-1"], "--memory-limit '-1' is not a size of at least 64M"],
    [["--memory-limit", "99999999T"], "--memory-limit '99999999T' is more than any address space"],
    [["--cwd", "/etc/passwd"], "--cwd /etc/passwd is not a folder"],
  ])("says what is wrong with %j", async (flags, message) => {
    const { path, runs } = tracedNotebook();
    const run = await runCli(["run", ...flags, path]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain("Traceback");
    expect(runs()).toBe(0);
  });
});

describe("oprel run: one file under two names", () => {
  it("runs a notebook given by name and by a symbolic link once", async () => {
    const { dir, path, runs } = tracedNotebook("real.ipynb");
    const link = join(dir, "link.ipynb");
    symlinkSync(path, link);
    const run = await runCli(["run", path, link]);
    expect(run.exitCode).toBe(0);
    expect(runs()).toBe(1);
    expect(run.stdout).toContain(`${link} is the same file as ${path}, so it runs once.`);
    expect(run.stdout).toContain("1 notebook passed");
  });
});
