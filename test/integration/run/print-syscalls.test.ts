// print() in a cell makes no system call of its own: the worker used to look into its fd 1/2 pipes
// (epoll_wait) before every print, which cost most of a print's time. Counted with strace on a real
// run; the order of fd output and print() is held by test/integration/worker/capture.test.ts.

import { spawnSync } from "node:child_process";
import { chmodSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli, tempDir, writeNotebook } from "./helpers.js";

beforeAll(() => ensureBuilt(), 180_000);

const hasStrace = spawnSync("strace", ["-V"]).status === 0;
const LINES = 20_000;

describe("oprel run: print() in the worker", () => {
  it.skipIf(!hasStrace)("does not look into the output pipes once per line", async () => {
    const dir = tempDir();
    const traces = join(dir, "traces");
    const python = join(dir, "traced-python");
    writeFileSync(
      python,
      `#!/bin/sh\nexec strace -f -qq -e trace=epoll_wait,epoll_pwait -o "${traces}.$$" /usr/bin/python3 "$@"\n`,
    );
    chmodSync(python, 0o755);
    const path = writeNotebook(dir, "print.ipynb", [
      `import os\nfor i in range(${LINES}):\n    print(i)\nos.system('echo from a child')\nprint('last')`,
    ]);
    const run = await runCli(["run", "--python", python, path]);
    expect(run.exitCode, run.stderr).toBe(0);
    const saved = readFileSync(path, "utf8");
    expect(saved).toMatch(
      new RegExp(`"${LINES - 1}\\\\n",\\s*"from a child\\\\n",\\s*"last\\\\n"`),
    );
    let calls = 0;
    for (const name of readdirSync(dir).filter((n) => n.startsWith("traces."))) {
      calls += readFileSync(join(dir, name), "utf8").split("epoll_wait(").length - 1;
    }
    // The old worker made one call per line (20,000 and more).
    expect(calls).toBeLessThan(LINES / 10);
  });
});
