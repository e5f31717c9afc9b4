// `oprel run --gateway URL`: notebooks run in kernels on a real Jupyter server (Debian's
// jupyter-server on 127.0.0.1 with a token), started, interrupted and shut down through its REST
// API and spoken to over its WebSocket.

import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reply, startFakeOpenAI, toolCall } from "../../support/fake-openai.js";
import { type JupyterServer, startJupyterServer } from "../../support/jupyter-server.js";
import {
  codeCells,
  ensureBuilt,
  readNotebook,
  runCli,
  startCli,
  streamText,
  tempDir,
  writeNotebook,
} from "./helpers.js";

let server: JupyterServer;

beforeAll(async () => {
  ensureBuilt();
  server = await startJupyterServer();
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

function gatewayEnv(token = server.token): Record<string, string | undefined> {
  return { OPREL_GATEWAY_URL: undefined, OPREL_GATEWAY_TOKEN: token };
}

describe("oprel run --gateway", () => {
  it("runs a notebook in the server's python3 kernel: streams, display data, results, errors", async () => {
    const dir = tempDir();
    writeNotebook(dir, "remote.ipynb", [
      "import sys\nprint('on', sys.executable)",
      "from IPython.display import HTML, display\ndisplay(HTML('<b>bold</b>'))\n6 * 7",
      "1/0",
      "print('never')",
    ]);
    const out = `${dir}/out.ipynb`;
    const run = await runCli(["run", "remote.ipynb", "--gateway", server.url, "-o", out], {
      cwd: dir,
      env: gatewayEnv(),
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(1);
    const [first, second, third, fourth] = codeCells(readNotebook(out));
    // /usr/bin/python3's ipykernel, not oprel's worker (which runs pyenv's python3).
    expect(streamText(first)).toBe("on /usr/bin/python3\n");
    expect(second?.outputs).toEqual([
      {
        output_type: "display_data",
        data: {
          "text/html": ["<b>bold</b>"],
          "text/plain": ["<IPython.core.display.HTML object>"],
        },
        metadata: {},
      },
      {
        output_type: "execute_result",
        execution_count: 2,
        data: { "text/plain": ["42"] },
        metadata: {},
      },
    ]);
    expect(third?.outputs?.[0]).toMatchObject({ output_type: "error", ename: "ZeroDivisionError" });
    expect(fourth?.execution_count).toBeNull();
    expect(readNotebook(out).metadata.language_info).toMatchObject({ name: "python" });
    expect(run.stdout + run.stderr).not.toContain(server.token);
    expect(await server.kernels()).toEqual([]);
  }, 60_000);

  it("takes the URL from OPREL_GATEWAY_URL", async () => {
    const dir = tempDir();
    writeNotebook(dir, "env.ipynb", ["import sys\nprint(sys.executable)"]);
    const run = await runCli(["run", "--no-save", "--log-output", "env.ipynb"], {
      cwd: dir,
      env: { ...gatewayEnv(), OPREL_GATEWAY_URL: server.url },
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain("/usr/bin/python3");
    expect(await server.kernels()).toEqual([]);
  }, 60_000);

  it("refuses a wrong token at start: one sentence, exit 5, the token never printed", async () => {
    const dir = tempDir();
    writeNotebook(dir, "nb.ipynb", ["print(1)"]);
    const wrong = "not-the-token-4f1e2d";
    const run = await runCli(["run", "--no-save", "nb.ipynb", "--gateway", server.url], {
      cwd: dir,
      env: gatewayEnv(wrong),
    });
    expect(run.exitCode).toBe(5);
    const said = run.stdout + run.stderr;
    expect(said).toMatch(
      /The Jupyter gateway at http:\/\/127\.0\.0\.1:\d+ refused oprel's token \(HTTP 403\)\./,
    );
    expect(said).toContain("OPREL_GATEWAY_TOKEN");
    expect(said).not.toContain(wrong);
    expect(said).not.toMatch(/at .*\.js:\d+/); // no stack trace
  }, 30_000);

  it("fails at start with exit 5 for a URL that is not one, or a server that is not there", async () => {
    const dir = tempDir();
    writeNotebook(dir, "nb.ipynb", ["print(1)"]);
    const notUrl = await runCli(["run", "--no-save", "nb.ipynb", "--gateway", "ftp://host/"], {
      cwd: dir,
      env: gatewayEnv(),
    });
    expect(notUrl.exitCode).toBe(5);
    expect(notUrl.stdout).toContain(
      "The gateway URL 'ftp://host/' is not an http:// or https:// URL.",
    );
    const closed = await closedPortUrl();
    const unreachable = await runCli(["run", "--no-save", "nb.ipynb", "--gateway", closed], {
      cwd: dir,
      env: gatewayEnv(),
    });
    expect(unreachable.exitCode).toBe(5);
    expect(unreachable.stdout).toContain(
      `Could not reach the Jupyter gateway at ${closed}: connection refused.`,
    );
  }, 30_000);

  it("names the server's kernels when it has none of the name asked for", async () => {
    const dir = tempDir();
    writeNotebook(dir, "nb.ipynb", ["print(1)"]);
    const run = await runCli(
      ["run", "--no-save", "nb.ipynb", "--gateway", server.url, "--kernel", "julia-1.9"],
      { cwd: dir, env: gatewayEnv() },
    );
    expect(run.exitCode).toBe(5);
    expect(run.stdout).toMatch(/has no kernel named 'julia-1\.9' \(it has: [^)]*python3[^)]*\)\./);
  }, 30_000);

  it("interrupts a loop that runs past --timeout through the REST API, then shuts the kernel down", async () => {
    const dir = tempDir();
    writeNotebook(dir, "loop.ipynb", [
      "import time\nwhile True:\n    time.sleep(0.05)",
      "print('after')",
    ]);
    const run = await runCli(
      ["run", "--no-save", "loop.ipynb", "--gateway", server.url, "--timeout", "2"],
      { cwd: dir, env: gatewayEnv() },
    );
    expect(run.exitCode, run.stdout + run.stderr).toBe(3);
    expect(run.stdout).toContain("CellTimeoutError: Cell execution timed out after 2 seconds");
    expect(await server.kernels()).toEqual([]);
  }, 60_000);

  it("stops on SIGINT and shuts the kernel down, even when that takes longer than the stop grace", async () => {
    const dir = tempDir();
    // The kernel takes ~4 s to exit once asked; the server's DELETE waits for it.
    writeNotebook(dir, "slow-exit.ipynb", [
      "import atexit, time\natexit.register(time.sleep, 4)\nprint('looping', flush=True)\nwhile True:\n    time.sleep(0.05)",
    ]);
    const cli = startCli(
      ["run", "--no-save", "--log-output", "slow-exit.ipynb", "--gateway", server.url],
      {
        cwd: dir,
        env: gatewayEnv(),
      },
    );
    await cli.waitFor("looping", 30_000);
    cli.child.kill("SIGINT");
    const run = await cli.result;
    expect(run.exitCode, run.stdout + run.stderr).toBe(130);
    expect(run.stderr).not.toContain("Error");
    expect(await server.kernels()).toEqual([]);
  }, 60_000);
});

describe("oprel run --gateway with a cell that ignores interrupts", () => {
  const deaf =
    "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nprint('ignoring interrupts', flush=True)\nwhile True:\n    time.sleep(0.05)";

  it("ends it after --timeout and the grace, its kernel deleted", async () => {
    const dir = tempDir();
    writeNotebook(dir, "deaf.ipynb", [deaf]);
    const run = await runCli(
      ["run", "--no-save", "deaf.ipynb", "--gateway", server.url, "--timeout", "1"],
      { cwd: dir, env: gatewayEnv() },
    );
    expect(run.exitCode, run.stdout + run.stderr).toBe(3);
    expect(run.stdout).toContain("CellTimeoutError: Cell execution timed out after 1 second");
    expect(await server.kernels()).toEqual([]);
  }, 60_000);

  it("on SIGINT, kills it after the stop grace: the kernel is deleted before oprel exits", async () => {
    const dir = tempDir();
    writeNotebook(dir, "deaf.ipynb", [deaf]);
    const cli = startCli(
      ["run", "--no-save", "--log-output", "deaf.ipynb", "--gateway", server.url],
      {
        cwd: dir,
        env: gatewayEnv(),
      },
    );
    await cli.waitFor("ignoring interrupts", 30_000);
    cli.child.kill("SIGINT");
    const run = await cli.result;
    expect(run.exitCode, run.stdout + run.stderr).toBe(130);
    expect(await server.kernels()).toEqual([]);
  }, 60_000);
});

describe("oprel ai --gateway", () => {
  it("runs the cells the model asks for in a kernel on the gateway", async () => {
    const model = await startFakeOpenAI([
      reply.stream([toolCall("exec_cell", { cell_id: "cell-0", why: "see where it runs" })]),
      reply.text("It runs on the server."),
    ]);
    try {
      const dir = tempDir();
      const path = writeNotebook(dir, "ask.ipynb", ["import sys\nprint(sys.executable)"]);
      const run = await runCli(
        ["ai", path, "where does this run?", "--apply", "--run", "--gateway", server.url],
        {
          cwd: dir,
          env: {
            ...gatewayEnv(),
            OPENAI_BASE_URL: model.url,
            OPENAI_API_KEY: undefined,
            OPREL_MODEL: "fake-model",
            XDG_CONFIG_HOME: dir,
          },
        },
      );
      expect(run.exitCode, run.stdout + run.stderr).toBe(0);
      const saved = JSON.parse(readFileSync(path, "utf8"));
      expect(saved.cells[0].outputs).toEqual([
        { output_type: "stream", name: "stdout", text: ["/usr/bin/python3\n"] },
      ]);
      expect(await server.kernels()).toEqual([]);
    } finally {
      await model.close();
    }
  }, 60_000);
});

describe("oprel run --gateway when the server dies mid-run", () => {
  it("ends the running cell as DeadKernelError with exit 4 within seconds", async () => {
    const doomed = await startJupyterServer();
    try {
      const dir = tempDir();
      writeNotebook(dir, "long.ipynb", [
        "import time\nprint('running', flush=True)\nwhile True:\n    time.sleep(0.05)",
        "print('after')",
      ]);
      const cli = startCli(
        ["run", "--no-save", "--log-output", "long.ipynb", "--gateway", doomed.url],
        {
          cwd: dir,
          env: gatewayEnv(doomed.token),
        },
      );
      await cli.waitFor("running", 30_000);
      const killedAt = performance.now();
      doomed.kill();
      const run = await cli.result;
      const afterKill = performance.now() - killedAt;
      expect(run.exitCode, run.stdout + run.stderr).toBe(4);
      expect(run.stdout).toMatch(
        /DeadKernelError: The kernel died: the Jupyter gateway at .* stopped answering \(connection refused\)/,
      );
      expect(run.stdout).not.toContain("after");
      expect(afterKill).toBeLessThan(15_000);
    } finally {
      await doomed.stop();
    }
  }, 90_000);
});

/** A base URL on 127.0.0.1 where nothing listens. */
async function closedPortUrl(): Promise<string> {
  const { createServer } = await import("node:net");
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(`http://127.0.0.1:${port}`));
    });
  });
}
