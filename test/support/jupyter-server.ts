// A real Jupyter server (Debian's jupyter-server, with /usr/bin/python3's ipykernel as its python3
// kernel) on 127.0.0.1, a free port and a random token, for the gateway tests. One per test file:
// start it in beforeAll, stop it in afterAll.

import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface JupyterServer {
  /** The base URL, ending in "/". */
  url: string;
  token: string;
  /** The ids of the kernels running on it now. */
  kernels(): Promise<string[]>;
  /** SIGKILL to the server and its kernels (its process group). */
  kill(): void;
  /** SIGSTOP to the server alone (its kernels run on); the function returned sends SIGCONT. */
  pause(): () => void;
  /** Stops it and removes its folders. */
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Starts a server; a port taken between our check and the server's bind means another try. */
export async function startJupyterServer(timeoutMs = 30_000): Promise<JupyterServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(timeoutMs);
    } catch (error) {
      if (!(error instanceof PortTaken) || attempt === 3) throw error;
    }
  }
}

class PortTaken extends Error {}

async function startOnce(timeoutMs: number): Promise<JupyterServer> {
  const home = mkdtempSync(join(tmpdir(), "oprel-jupyter-server-"));
  for (const dir of ["root", "config", "runtime"]) mkdirSync(join(home, dir));
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const url = `http://127.0.0.1:${port}/`;
  const child: ChildProcess = spawn(
    "/usr/bin/python3",
    [
      "-m",
      "jupyter_server",
      "--ServerApp.ip=127.0.0.1",
      `--ServerApp.port=${port}`,
      "--ServerApp.port_retries=0",
      `--ServerApp.token=${token}`,
      `--ServerApp.root_dir=${join(home, "root")}`,
      "--no-browser",
      "--allow-root",
    ],
    {
      env: {
        ...process.env,
        JUPYTER_CONFIG_DIR: join(home, "config"),
        JUPYTER_RUNTIME_DIR: join(home, "runtime"),
      },
      stdio: ["ignore", "ignore", "pipe"],
      detached: true,
    },
  );
  let log = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    log = (log + chunk).slice(-4000);
  });
  const kill = () => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      rmSync(home, { recursive: true, force: true });
      const Failure = /already in use|Errno 98/i.test(log) ? PortTaken : Error;
      throw new Failure(`jupyter server exited at start:\n${log}`);
    }
    try {
      if ((await fetch(`${url}api`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      kill();
      throw new Error(`jupyter server did not answer GET /api within ${timeoutMs} ms:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    token,
    async kernels() {
      const response = await fetch(`${url}api/kernels`, {
        headers: { Authorization: `token ${token}` },
      });
      return ((await response.json()) as { id: string }[]).map((kernel) => kernel.id);
    },
    kill,
    pause() {
      child.kill("SIGSTOP");
      return () => child.kill("SIGCONT");
    },
    async stop() {
      kill();
      if (child.exitCode === null && child.signalCode === null)
        await new Promise((resolve) => child.once("exit", resolve));
      // The server starts each kernel in a session of its own: killed, it leaves them running.
      killProcessesNaming(join(home, "runtime"));
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** SIGKILL to every process whose command line names `text` (a server's kernels name its runtime folder). */
function killProcessesNaming(text: string): void {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(text))
        process.kill(Number(entry), "SIGKILL");
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
}
