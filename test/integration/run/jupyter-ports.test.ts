// Ports of Jupyter kernels under `oprel run`: a port another program takes between oprel's
// reservation and the kernel's bind means a retry with fresh ports, and -j never races.

import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  codeCells,
  ensureBuilt,
  readNotebook,
  runCli,
  streamText,
  tempDir,
  writeNotebook,
} from "./helpers.js";

beforeAll(() => ensureBuilt(), 180_000);

const RETRIED = "a port was taken at start (attempt 1); retrying";

/**
 * A kernelspec that starts Debian's ipykernel, except that the first time it first binds the
 * kernel's shell port itself (a socket that survives the exec, as another program would hold it):
 * ipykernel then fails with ZeroMQ's own "Address already in use".
 */
function collidingKernel(root: string): { jupyterPath: string; marker: string } {
  const kernel = join(root, "kernels", "colliding");
  mkdirSync(kernel, { recursive: true });
  const marker = join(root, "collided");
  const script = join(kernel, "launch.py");
  writeFileSync(
    script,
    `#!/usr/bin/python3
import json, os, socket, sys
connection_file, marker = sys.argv[1], sys.argv[2]
if not os.path.exists(marker):
    open(marker, "w").close()
    info = json.load(open(connection_file))
    taken = socket.socket()
    taken.bind((info["ip"], info["shell_port"]))
    taken.listen()
    taken.set_inheritable(True)
os.execv("/usr/bin/python3", ["/usr/bin/python3", "-m", "ipykernel_launcher", "-f", connection_file])
`,
  );
  chmodSync(script, 0o755);
  const spec = {
    argv: [script, "{connection_file}", marker],
    display_name: "Colliding",
    language: "python",
  };
  writeFileSync(join(kernel, "kernel.json"), JSON.stringify(spec));
  return { jupyterPath: root, marker };
}

describe("ports of Jupyter kernels", () => {
  it("retries with fresh ports when another program took one before the kernel bound it", async () => {
    const dir = tempDir();
    const { jupyterPath, marker } = collidingKernel(join(dir, "jupyter"));
    const log = join(dir, "oprel.log");
    writeNotebook(dir, "nb.ipynb", ["print('ran')"]);
    const run = await runCli(["run", "--kernel", "colliding", "nb.ipynb"], {
      cwd: dir,
      env: { JUPYTER_PATH: jupyterPath, OPREL_LOG: log },
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(existsSync(marker)).toBe(true);
    expect(readFileSync(log, "utf8")).toContain(`colliding: ${RETRIED}`);
    expect(streamText(codeCells(readNotebook(join(dir, "nb.ipynb")))[0])).toBe("ran\n");
  }, 60_000);

  it("runs 8 ipykernel notebooks 4 at a time with no port clash and no retry", async () => {
    const dir = tempDir();
    const log = join(dir, "oprel.log");
    const names = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => {
      writeNotebook(dir, `n${n}.ipynb`, [`print('notebook ${n}')`]);
      return `n${n}.ipynb`;
    });
    const run = await runCli(["run", "-j", "4", "--kernel", "python3-jupyter", ...names], {
      cwd: dir,
      env: { OPREL_LOG: log },
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    names.forEach((name, i) => {
      expect(streamText(codeCells(readNotebook(join(dir, name)))[0])).toBe(`notebook ${i + 1}\n`);
    });
    expect(existsSync(log) ? readFileSync(log, "utf8") : "").not.toContain("port was taken");
  }, 120_000);
});
