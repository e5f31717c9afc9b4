// Saves that do not go as planned: the summary must say so, the hint must name only what
// oprel run offers, and what a killed save left behind is cleaned up later.

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, readNotebook, runCli, tempDir, writeNotebook } from "./helpers.js";

beforeAll(() => ensureBuilt(), 180_000);

describe("oprel run: a save that fails", () => {
  it("says in the summary that the notebook was not saved, with a hint oprel run can follow", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "changed.ipynb", [
      `import json\np = ${JSON.stringify(join(dir, "changed.ipynb"))}\nnb = json.load(open(p))\nnb['metadata']['edited'] = True\njson.dump(nb, open(p, 'w'))`,
    ]);
    const json = join(dir, "r.json");
    const run = await runCli(["run", "--json", json, path]);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toContain("was changed by another program");
    expect(run.stdout).not.toMatch(/force/i);
    expect(run.stdout).toMatch(/changed\.ipynb +passed, not saved +1\/1/);
    expect(run.stdout).toContain("1 of 1 notebook did not pass (exit code 2)");
    const report = JSON.parse(readFileSync(json, "utf8"));
    expect(report.notebooks[0].save_error).toContain("was changed by another program");
    expect(readNotebook(path).metadata.edited).toBe(true);
  });
});

describe("oprel run: temporary files of killed saves", () => {
  it("removes old ones whose process is gone, and only those, on the next save there", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "n.ipynb", ["1"]);
    const gone = spawnSync("true").pid;
    const hourAgo = Date.now() / 1000 - 3600;
    const temp = (pid: number, old: boolean) => {
      const file = join(dir, `.oprel-tmp-${pid}-${old ? "01d" : "f7e54"}-n.ipynb`);
      writeFileSync(file, "{half a notebo");
      if (old) utimesSync(file, hourAgo, hourAgo);
      return file;
    };
    const stale = temp(gone, true);
    const fresh = temp(gone, false);
    const live = temp(process.pid, true);
    const run = await runCli(["run", path]);
    expect(run.exitCode).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    expect(existsSync(live)).toBe(true);
  });
});
