import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../../src/notebook/index.js";
import { escapeData, escapeProperty, githubAnnotations } from "../../../src/run/report/github.js";
import { jsonReport } from "../../../src/run/report/json.js";
import { junitReport, xmlEscape } from "../../../src/run/report/junit.js";
import { parseJsonReport } from "../../../src/run/report/read-json.js";
import { sampleRun } from "./fixtures.js";

/** Parses XML with Python's standard library: a real parser, not a regex. */
function parseJunit(xml: string): {
  suites: number;
  cases: { name: string; classname: string; child?: string; message?: string; text?: string }[];
  attrs: Record<string, string>;
} {
  const script = `
import json, sys, xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.buffer.read())
suites = root.findall("testsuite")
cases = []
for c in suites[0].findall("testcase"):
    kids = list(c)
    k = kids[0] if kids else None
    cases.append({"name": c.get("name"), "classname": c.get("classname"),
                  **({"child": k.tag, "message": k.get("message"), "text": k.text or ""} if k is not None else {})})
print(json.dumps({"suites": len(suites), "cases": cases, "attrs": dict(suites[0].attrib)}))
`;
  return JSON.parse(execFileSync("python3", ["-c", script], { input: xml, encoding: "utf8" }));
}

describe("junitReport", () => {
  it("has one named test case per notebook, failures carrying the error", () => {
    const report = parseJunit(junitReport(sampleRun(), { cells: false }));
    expect(report.suites).toBe(1);
    expect(report.cases.map((c) => [c.name, c.child])).toEqual([
      ["nbs/fail, 100%.ipynb", "failure"],
      ["nbs/ok.ipynb", undefined],
      ["nbs/crash.ipynb", "error"],
    ]);
    const [fail] = report.cases;
    if (!fail) throw new Error("no test case");
    expect(fail.message).toBe("ZeroDivisionError: division by zero");
    expect(fail.text).toContain("cell 3: 1/0  # boom <&>");
    expect(fail.text).toContain("----> 2 1/0  # boom <&>");
    expect(fail.text).not.toContain("\u001b");
    expect(report.attrs).toMatchObject({ tests: "3", failures: "1", errors: "1", skipped: "0" });
  });

  it("adds a test case per cell with --junit-cells", () => {
    const report = parseJunit(junitReport(sampleRun(), { cells: true }));
    const cells = report.cases.filter((c) => c.classname !== "oprel.notebooks");
    expect(cells.map((c) => [c.classname, c.name, c.child])).toEqual([
      ["nbs/fail, 100%.ipynb", "cell 1: x = 1", undefined],
      ["nbs/fail, 100%.ipynb", "cell 3: 1/0  # boom <&>", "failure"],
      ["nbs/fail, 100%.ipynb", "cell 4: slow()", "skipped"],
      ["nbs/fail, 100%.ipynb", "cell 5: more()", "skipped"],
      ["nbs/ok.ipynb", "cell 1: x = 1", undefined],
    ]);
    expect(report.attrs).toMatchObject({ tests: "8", failures: "2", errors: "1", skipped: "2" });
  });

  it("reports a cancelled notebook as skipped, not failed", () => {
    const run = sampleRun();
    run.notebooks = [
      {
        path: "late.ipynb",
        outcome: "cancelled",
        exitCode: 0,
        durationMs: 0,
        cells: [],
        warnings: [],
      },
    ];
    const report = parseJunit(junitReport(run, { cells: false }));
    expect(report.cases.map((c) => [c.name, c.child, c.message])).toEqual([
      ["late.ipynb", "skipped", "cancelled before it finished (--fail-fast or a signal)"],
    ]);
    expect(report.attrs).toMatchObject({ failures: "0", errors: "0", skipped: "1" });
  });

  it("escapes text XML cannot hold", () => {
    expect(xmlEscape(`a<b>&"c'\u0000\u0001d\u001b[31m`)).toBe("a&lt;b&gt;&amp;&quot;c&apos;d");
  });
});

describe("jsonReport", () => {
  it("gives status, duration and error per notebook and cell", () => {
    const report = JSON.parse(jsonReport(sampleRun()));
    expect(report.exit_code).toBe(4);
    expect(report.notebooks.map((n: { status: string }) => n.status)).toEqual([
      "failed",
      "passed",
      "died",
    ]);
    const [failed] = report.notebooks;
    expect(failed.duration).toBe(1.5);
    expect(failed.failed_cell).toBe(2);
    expect(failed.error.ename).toBe("ZeroDivisionError");
    expect(failed.cells.map((c: { status: string }) => c.status)).toEqual([
      "passed",
      "failed",
      "skipped",
      "not-run",
    ]);
    expect(failed.cells[1]).toMatchObject({
      index: 2,
      id: "c3",
      execution_count: 2,
      duration: 0.003,
    });
    expect(failed.cells[2].duration).toBeNull();
    expect(report.notebooks[1].warnings).toEqual(["Unknown parameter 'x'"]);
  });
});

describe("parseJsonReport", () => {
  it("reads back what jsonReport wrote: the same JSON and the same JUnit cases", () => {
    const text = jsonReport(sampleRun());
    const read = parseJsonReport(text);
    expect(jsonReport(read)).toBe(text);
    const stamp = new Date(0);
    expect(junitReport(read, { cells: true, timestamp: stamp })).toBe(
      junitReport(sampleRun(), { cells: true, timestamp: stamp }),
    );
  });
});

describe("githubAnnotations", () => {
  it("prints nothing outside GitHub Actions", () => {
    expect(githubAnnotations(sampleRun().notebooks, {})).toEqual([]);
  });

  it("prints one escaped ::error line per failed notebook", () => {
    const lines = githubAnnotations(sampleRun().notebooks, { GITHUB_ACTIONS: "true" });
    expect(lines).toHaveLength(2);
    const [first, second] = lines as [string, string];
    expect(first).toMatch(
      /^::error file=nbs\/fail%2C 100%25\.ipynb,title=nbs\/fail%2C 100%25\.ipynb%3A cell 3%3A 1\/0/,
    );
    expect(first.split("::")[2]).toContain("ZeroDivisionError: division by zero%0A%0A");
    expect(first).not.toMatch(/[\n\r]/);
    expect(first).not.toContain("\u001b");
    expect(second).toContain("title=nbs/crash.ipynb%3A died::DeadKernelError");
  });

  it("keeps the last twelve lines of a traceback whose entries are whole frames", () => {
    const run = sampleRun();
    const failure = run.notebooks[0]?.failure;
    if (!failure) throw new Error("the sample has a failure");
    const frame = (n: number) =>
      `Cell \u001b[0;32mIn[${n}], line 1\u001b[0m\n${Array.from({ length: 9 }, (_, i) => `  line ${n}.${i}`).join("\n")}\n`;
    failure.error.traceback = [
      frame(1),
      frame(2),
      "\u001b[0;31mZeroDivisionError\u001b[0m: division by zero",
    ];
    const [line] = githubAnnotations(run.notebooks, { GITHUB_ACTIONS: "true" });
    const message = decodeURIComponent((line ?? "").split("::")[2] ?? "");
    expect(message.split("\n").slice(2)).toEqual([
      "Cell In[2], line 1",
      ...Array.from({ length: 9 }, (_, i) => `  line 2.${i}`),
      "",
      "ZeroDivisionError: division by zero",
    ]);
  });

  it("makes absolute paths relative to the workspace", () => {
    const run = sampleRun();
    const [first] = run.notebooks;
    if (first) first.path = "/repo/nbs/a.ipynb";
    const [line] = githubAnnotations(run.notebooks, {
      GITHUB_ACTIONS: "true",
      GITHUB_WORKSPACE: "/repo",
    });
    expect(line).toMatch(/^::error file=nbs\/a\.ipynb,/);
  });

  it("escapes like the Actions toolkit", () => {
    expect(escapeData("100%\r\nx:y,z")).toBe("100%25%0D%0Ax:y,z");
    expect(escapeProperty("100%\r\nx:y,z")).toBe("100%25%0D%0Ax%3Ay%2Cz");
  });
});

describe("writeFileAtomic", () => {
  it("replaces the file and leaves no temporary file behind", async () => {
    const dir = mkdtempSync(join(tmpdir(), "oprel-atomic-"));
    const path = join(dir, "r.json");
    writeFileSync(path, "old");
    await writeFileAtomic(path, "new");
    expect(readFileSync(path, "utf8")).toBe("new");
    expect(readdirSync(dir)).toEqual(["r.json"]);
  });

  it("fails cleanly when the folder does not exist", async () => {
    await expect(writeFileAtomic("/nonexistent-dir/r.json", "x")).rejects.toThrow();
  });
});
