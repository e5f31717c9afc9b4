// Where oprel's output goes can vanish mid-run: a reader that stops (`| head -1`), a terminal that
// hangs up (its tmux session killed, its SSH connection lost). Writes are then dropped quietly,
// and the run saves what it ran: all of it when only the output went away, what ran so far on
// a hang-up (SIGHUP), unless the hang-up is ignored (nohup).

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI, codeCells, ensureBuilt, readNotebook, tempDir, writeNotebook } from "./helpers.js";

beforeAll(() => ensureBuilt(), 180_000);

const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;

/** Papermill statuses of the notebook's code cells as saved. */
function statuses(path: string): (string | undefined)[] {
  return codeCells(readNotebook(path)).map((c) => c.metadata.papermill?.status);
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("oprel run: a reader that stops reading", () => {
  it("`| head -1` neither crashes nor stops the run: it finishes and saves", () => {
    const dir = tempDir();
    const loud = "for i in range(3000): print('line', i)\nimport time; time.sleep(0.05)";
    const path = writeNotebook(dir, "long.ipynb", [loud, loud, loud, loud]);
    const shell = `${quote(process.execPath)} ${quote(CLI)} run --log-output ${quote(path)} 2>&1 | head -1; echo "rc=\${PIPESTATUS[0]}"`;
    const run = spawnSync("bash", ["-c", shell], { encoding: "utf8", timeout: 60_000 });
    expect(run.stdout).toMatch(/^\[.*long\.ipynb\] started: 4 cells to run\nrc=0\n$/);
    expect(statuses(path)).toEqual(["completed", "completed", "completed", "completed"]);
  });
});

describe("oprel run: a terminal that hangs up", () => {
  /**
   * Runs oprel in a tmux session, kills the session while cell 2 runs, and returns oprel's exit
   * code and stderr. `shell` turns the oprel command into the pane's shell command.
   */
  async function killSessionMidRun(shell: (oprel: string) => string) {
    const dir = tempDir();
    const path = writeNotebook(dir, "hup.ipynb", [
      "print('one')",
      "import time\nfor i in range(40):\n    print(i, flush=True); time.sleep(0.1)",
      "print('three')",
    ]);
    const rc = join(dir, "rc");
    const err = join(dir, "stderr");
    const oprel = `${quote(process.execPath)} ${quote(CLI)} run --log-output ${quote(path)} 2>${quote(err)}`;
    const command = `${shell(oprel)}; echo $? > ${quote(rc)}`;
    const session = `oprel-test-${process.pid}-${Date.now()}`;
    const tmux = (...args: string[]) => spawnSync("tmux", args, { encoding: "utf8" });
    expect(tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", command).status).toBe(
      0,
    );
    try {
      await waitUntil(
        () => tmux("capture-pane", "-p", "-t", session).stdout.includes("] 5"),
        20_000,
      );
    } finally {
      tmux("kill-session", "-t", session);
    }
    await waitUntil(() => existsSync(rc) && readFileSync(rc, "utf8").endsWith("\n"), 30_000);
    return { code: Number(readFileSync(rc, "utf8")), stderr: readFileSync(err, "utf8"), path };
  }

  it("stops on SIGHUP like SIGTERM: saves what ran and exits 129", async () => {
    // An interactive shell passes its hang-up on to the job it runs; this one does the same.
    const { code, stderr, path } = await killSessionMidRun(
      (oprel) => `trap 'kill -HUP $child' HUP; ${oprel} & child=$!; wait $child; wait $child`,
    );
    expect(stderr).toBe("");
    expect(code).toBe(129);
    expect(statuses(path)).toEqual(["completed", "failed", "pending"]);
  });

  it("finishes every notebook under nohup, the terminal gone, and exits 0", async () => {
    const { code, stderr, path } = await killSessionMidRun((oprel) => `trap '' HUP; ${oprel}`);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(statuses(path)).toEqual(["completed", "completed", "completed"]);
  });
});
