// CI sharding and report merging with real runs: shares, balancing, merge, bad arguments.

import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli, tempDir, writeNotebook } from "./helpers.js";

beforeAll(() => ensureBuilt(), 180_000);

interface Report {
  exit_code: number;
  duration: number;
  notebooks: { path: string; status: string; duration: number }[];
}

function readReport(path: string): Report {
  return JSON.parse(readFileSync(path, "utf8")) as Report;
}

let reports = 0;

/** Runs the share ("i/n") in `dir`; returns the notebooks its JSON report lists. */
async function shareRun(dir: string, shard: string, names: string[], extra: string[] = []) {
  const json = join(dir, `shard-${shard.replace("/", "-of-")}-${reports++}.json`);
  const run = await runCli(
    ["run", "--no-save", "-j", "2", "--shard", shard, "--json", json, ...extra, ...names],
    { cwd: dir },
  );
  return { run, json, paths: readReport(json).notebooks.map((nb) => nb.path) };
}

describe("oprel run --shard", () => {
  it("splits the notebooks into deterministic shares that cover each exactly once, n = 1..5", async () => {
    const dir = tempDir();
    const names = Array.from({ length: 7 }, (_, i) => `nb${i}.ipynb`);
    for (const name of names) writeNotebook(dir, name, [`print("${name}")`]);
    for (let count = 1; count <= 5; count++) {
      const shares = await Promise.all(
        Array.from({ length: count }, async (_, i) => {
          const { run, paths } = await shareRun(dir, `${i + 1}/${count}`, names);
          expect(run.exitCode, run.stderr).toBe(0);
          expect(run.stdout).toContain(
            `shard ${i + 1}/${count} runs ${paths.length} of 7 notebooks`,
          );
          return paths;
        }),
      );
      expect(shares.flat().sort()).toEqual(names);
      const sizes = shares.map((s) => s.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
    // The same share again, from notebooks named in another order and spelling.
    const again = await shareRun(
      dir,
      "2/3",
      [...names].reverse().map((n) => `./${n}`),
    );
    const first = await shareRun(dir, "2/3", names);
    expect(again.paths.map((p) => p.slice(2)).sort()).toEqual([...first.paths].sort());
  }, 180_000);

  it("passes with a clear line, and an empty report, when its share is empty", async () => {
    const dir = tempDir();
    writeNotebook(dir, "only.ipynb", ["x = 1"]);
    const results = await Promise.all(
      [1, 2, 3].map((i) => shareRun(dir, `${i}/3`, ["only.ipynb"])),
    );
    const empty = results.filter((r) => r.paths.length === 0);
    expect(empty).toHaveLength(2);
    for (const { run, json } of empty) {
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toMatch(
        /shard \d\/3 has no notebooks \(1 notebook over 3 shards\); nothing to run\./,
      );
      expect(readReport(json)).toMatchObject({ exit_code: 0, notebooks: [] });
    }
  }, 60_000);

  it("balances shares by the durations of an earlier report", async () => {
    const dir = tempDir();
    writeNotebook(dir, "slow.ipynb", ["import time\ntime.sleep(1.5)"]);
    const fast = ["f1.ipynb", "f2.ipynb", "f3.ipynb", "f4.ipynb"];
    for (const name of fast) writeNotebook(dir, name, ["x = 1"]);
    const all = ["slow.ipynb", ...fast];
    const earlier = join(dir, "earlier.json");
    const first = await runCli(["run", "--no-save", "-j", "2", "--json", earlier, ...all], {
      cwd: dir,
    });
    expect(first.exitCode, first.stderr).toBe(0);
    // A notebook the earlier run did not know counts as the median: a fast one here.
    writeNotebook(dir, "new.ipynb", ["y = 2"]);
    const names = [...all, "new.ipynb"];
    const shares = await Promise.all(
      ["1/2", "2/2"].map((s) => shareRun(dir, s, names, ["--shard-durations", earlier])),
    );
    const withSlow = shares.find((s) => s.paths.includes("slow.ipynb"));
    expect(withSlow?.paths).toEqual(["slow.ipynb"]);
    expect(shares.flatMap((s) => s.paths).sort()).toEqual([...names].sort());
  }, 120_000);

  it("refuses bad shard arguments with one sentence and exit code 2", async () => {
    const dir = tempDir();
    writeNotebook(dir, "a.ipynb", ["x = 1"]);
    const cases: [string[], RegExp][] = [
      [["--shard", "0/3"], /--shard '0\/3' names no share: i must be from 1 to n\./],
      [["--shard", "4/3"], /--shard '4\/3' names no share/],
      [["--shard", "x"], /--shard 'x' is not of the form i\/n\./],
      [["--shard", "1/0"], /--shard '1\/0' names no share/],
      [["--shard-durations", "r.json"], /--shard-durations needs --shard i\/n\./],
      [
        ["--shard", "1/2", "--shard-durations", "missing.json"],
        /--shard-durations missing.json cannot be read: it does not exist\./,
      ],
      [
        ["--shard", "1/2", "--shard-durations", "a.ipynb"],
        /--shard-durations a.ipynb is not an oprel JSON report: its version is undefined/,
      ],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(["run", "--no-save", ...args, "a.ipynb"], { cwd: dir });
      expect(run.exitCode, args.join(" ")).toBe(2);
      expect(run.stderr.split("\n")[0]).toMatch(message);
      expect(run.stdout).toBe("");
    }
  }, 60_000);
});

describe("oprel report merge", () => {
  it("merges two real shard reports into one JSON and one JUnit report", async () => {
    const dir = tempDir();
    writeNotebook(dir, "ok.ipynb", ["x = 1", "y = x + 1"]);
    writeNotebook(dir, "bad.ipynb", ["print('fine')", "def f():\n    return 1/0\nf()"]);
    writeNotebook(dir, "more.ipynb", ["z = 3"]);
    const names = ["ok.ipynb", "bad.ipynb", "more.ipynb"];
    const shards = await Promise.all(["1/2", "2/2"].map((s) => shareRun(dir, s, names)));
    const all = join(dir, "all.json");
    const xml = join(dir, "all.xml");
    const merge = await runCli(
      [
        "report",
        "merge",
        ...shards.map((s) => s.json),
        "--json",
        all,
        "--junit",
        xml,
        "--junit-cells",
      ],
      { cwd: dir },
    );
    expect(merge.exitCode, merge.stderr).toBe(0);
    expect(merge.stdout).toContain("1 of 3 notebooks did not pass (exit code 1)");
    const merged = readReport(all);
    const parts = shards.map((s) => readReport(s.json));
    expect(merged.notebooks.map((nb) => nb.path).sort()).toEqual([...names].sort());
    expect(merged.exit_code).toBe(1);
    expect(merged.duration).toBeCloseTo((parts[0]?.duration ?? 0) + (parts[1]?.duration ?? 0), 2);
    // Each notebook's entry is the shard's own, unchanged.
    for (const nb of merged.notebooks) expect(parts.flatMap((p) => p.notebooks)).toContainEqual(nb);

    const script = `
import json, sys, xml.etree.ElementTree as ET
suite = ET.parse(sys.argv[1]).getroot().find("testsuite")
print(json.dumps({"attrs": dict(suite.attrib), "cases": sorted([c.get("classname"), c.get("name"), list(c)[0].tag if list(c) else None] for c in suite.findall("testcase"))}))`;
    const junit = JSON.parse(execFileSync("python3", ["-c", script, xml], { encoding: "utf8" }));
    expect(junit.attrs).toMatchObject({ tests: "8", failures: "2" });
    expect(junit.cases).toContainEqual(["bad.ipynb", "cell 2: def f():", "failure"]);
    expect(junit.cases).toContainEqual(["oprel.notebooks", "bad.ipynb", "failure"]);
    expect(junit.cases).toContainEqual(["ok.ipynb", "cell 2: y = x + 1", null]);

    // Without --json or --junit the merged report goes to standard output.
    const piped = await runCli(["report", "merge", ...shards.map((s) => s.json)], { cwd: dir });
    expect(piped.exitCode).toBe(0);
    expect(JSON.parse(piped.stdout)).toEqual(merged);
  }, 120_000);

  it("refuses bad reports and arguments with one sentence and exit code 2", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "junk.json"), "{ not json");
    writeFileSync(
      join(dir, "other.json"),
      JSON.stringify({ version: 1, exit_code: 0, duration: 1, notebooks: [{ path: 3 }] }),
    );
    const cases: [string[], RegExp][] = [
      [["report"], /^oprel: Say what to do with the reports\./],
      [["report", "frob"], /'oprel report frob' is not a command/],
      [["report", "merge"], /Give at least one JSON report to merge\./],
      [
        ["report", "merge", "junk.json"],
        /report junk.json is not an oprel JSON report: it is not JSON\./,
      ],
      [["report", "merge", "other.json"], /notebooks\[0\]\.path is missing or of the wrong type/],
      [["report", "merge", "nope.json"], /report nope.json cannot be read: it does not exist\./],
      [["report", "merge", "other.json", "--junit-cells"], /--junit-cells needs --junit FILE\./],
      [
        ["report", "merge", "other.json", "--json", "no/such/dir/x.json"],
        /--json no\/such\/dir\/x.json cannot be written/,
      ],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args, { cwd: dir });
      expect(run.exitCode, args.join(" ")).toBe(2);
      expect(run.stderr.split("\n")[0]).toMatch(message);
    }
    const help = await runCli(["report", "--help"]);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain("Usage: oprel report merge");
  }, 60_000);
});
