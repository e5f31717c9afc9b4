// What oprel run tells CI: JUnit and JSON reports, GitHub annotations, clean piped output.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { controlCodes } from "../../unit/run/control-codes.js";
import { ensureBuilt, runCli, tempDir, writeNotebook } from "./helpers.js";

beforeAll(() => ensureBuilt(), 180_000);

function twoNotebooks() {
  const dir = tempDir();
  const ok = writeNotebook(dir, "ok.ipynb", [
    "x = 1",
    { source: "skipped()", tags: ["skip-execution"] },
  ]);
  const bad = writeNotebook(dir, "bad.ipynb", [
    "print('fine')",
    "def f():\n    return 1/0\nf()",
    "print('not reached')",
  ]);
  return { dir, ok, bad };
}

describe("oprel run: reports", () => {
  it("writes a JUnit report with a test case per notebook, and per cell with --junit-cells", async () => {
    const { dir, ok, bad } = twoNotebooks();
    const junit = join(dir, "junit.xml");
    const run = await runCli(["run", "--junit", junit, "--junit-cells", ok, bad]);
    expect(run.exitCode).toBe(1);
    const script = `
import json, sys, xml.etree.ElementTree as ET
suite = ET.parse(sys.argv[1]).getroot().find("testsuite")
out = []
for c in suite.findall("testcase"):
    kid = list(c)[0] if list(c) else None
    out.append([c.get("classname"), c.get("name"), kid.tag if kid is not None else None,
                kid.get("message") if kid is not None else None, (kid.text or "") if kid is not None else ""])
print(json.dumps({"attrs": dict(suite.attrib), "cases": out}))`;
    const parsed = JSON.parse(execFileSync("python3", ["-c", script, junit], { encoding: "utf8" }));
    const cases = parsed.cases as [string, string, string | null, string | null, string][];
    expect(cases.map((c) => c.slice(0, 3))).toEqual([
      ["oprel.notebooks", ok, null],
      [ok, "cell 1: x = 1", null],
      [ok, "cell 2: skipped()", "skipped"],
      ["oprel.notebooks", bad, "failure"],
      [bad, "cell 1: print('fine')", null],
      [bad, "cell 2: def f():", "failure"],
      [bad, "cell 3: print('not reached')", "skipped"],
    ]);
    const failure = cases[3];
    expect(failure?.[3]).toBe("ZeroDivisionError: division by zero");
    expect(failure?.[4]).toContain("return 1/0");
    expect(controlCodes(failure?.[4] ?? "")).toEqual([]);
    expect(parsed.attrs).toMatchObject({ tests: "7", failures: "2", skipped: "2" });
  });

  it("writes a JSON report with status, duration and error per notebook and cell", async () => {
    const { dir, ok, bad } = twoNotebooks();
    const json = join(dir, "report.json");
    const run = await runCli(["run", "--json", json, ok, bad]);
    expect(run.exitCode).toBe(1);
    const report = JSON.parse(readFileSync(json, "utf8"));
    expect(report.exit_code).toBe(1);
    expect(
      report.notebooks.map((n: { path: string; status: string }) => [n.path, n.status]),
    ).toEqual([
      [ok, "passed"],
      [bad, "failed"],
    ]);
    const failed = report.notebooks[1];
    expect(failed.output).toBe(bad);
    expect(failed.error).toMatchObject({ ename: "ZeroDivisionError", evalue: "division by zero" });
    expect(failed.cells.map((c: { status: string }) => c.status)).toEqual([
      "passed",
      "failed",
      "not-run",
    ]);
    expect(failed.cells[0].duration).toBeGreaterThanOrEqual(0);
    expect(failed.cells[2].duration).toBeNull();
    expect(report.notebooks[0].cells.map((c: { status: string }) => c.status)).toEqual([
      "passed",
      "skipped",
    ]);
  });

  it("prints GitHub annotations under GITHUB_ACTIONS=true, and not otherwise", async () => {
    const { ok, bad } = twoNotebooks();
    const plain = await runCli(["run", "--no-save", ok, bad]);
    expect(plain.stdout).not.toContain("::error");
    const gha = await runCli(["run", "--no-save", ok, bad], { env: { GITHUB_ACTIONS: "true" } });
    const lines = gha.stdout.split("\n").filter((l) => l.startsWith("::"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^::error file=[^,]*bad\.ipynb,title=[^:]*bad\.ipynb%3A cell 2%3A def f\(\)%3A::ZeroDivisionError: division by zero%0A/,
    );
  });

  it("writes no control codes at all when piped, whatever the notebook prints", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "loud.ipynb", [
      "print('\\x1b[31mred\\x1b[0m \\x1b]0;title\\x07 \\x1b[2J')",
      "import sys\nfor i in range(3): sys.stdout.write(f'\\rprogress {i}')\nprint()",
      "class X:\n    def __repr__(self): return '\\x1b[1mbold\\x1b[0m'\nX()",
      "raise ValueError('\\x1b[31mcoloured error\\x1b[0m')",
    ]);
    const run = await runCli(["run", "--log-output", "--no-save", path]);
    expect(run.exitCode).toBe(1);
    expect(controlCodes(run.stdout)).toEqual([]);
    expect(controlCodes(run.stderr)).toEqual([]);
    expect(run.stdout).toContain(`[${path}] red`);
    expect(run.stdout).toContain("progress 2");
    expect(run.stdout).toContain("bold");
    expect(run.stdout).toContain("coloured error");
    expect(run.stdout).toMatch(/loud\.ipynb +failed +4\/4/);
  });
});
