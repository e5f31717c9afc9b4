// Gateway kernel benchmark: a kernel on a local Jupyter server (Debian's jupyter-server, its python3
// kernel) through oprel (src/kernel/gateway: @jupyterlab/services over `ws`) beside a minimal
// Python client of the same REST API and WebSocket (bench/gateway_client.py), and beside the same
// ipykernel over ZeroMQ without a server (jupyter_client, bench/jupyter_bridge.py): what the
// gateway hop costs. Interleaved rounds: start to the first `1+1` done, and the `1+1` round trip.
// Run: npm run bench:gateway. Results: docs/benchmarks.md, "Remote kernels".

import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { chooseKernel, type NotebookKernel, startKernel } from "../src/kernel/index.js";
import { startJupyterServer } from "../test/support/jupyter-server.js";
import { median, percentile, printTable } from "./stats.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const STARTS = 2;
const ROUNDTRIPS = 100;
// oprel's gateway client sends the library's console chatter to OPREL_LOG; the tables need it back.
const consoleLog = console.log;
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

interface Figures {
  firstMs: number[];
  roundtripMs: number[];
}

async function onePlusOne(kernel: NotebookKernel): Promise<void> {
  const outcome = await kernel.execute("1+1", () => {});
  if (outcome.status !== "ok") throw new Error(`1+1 failed: ${outcome.error?.evalue}`);
}

async function oprelRound(url: string, token: string, into: Figures): Promise<void> {
  const choice = chooseKernel(undefined, undefined, { OPREL_GATEWAY_TOKEN: token }, url);
  const start = () => startKernel(choice, { cwd: process.cwd() });
  for (let i = 0; i < STARTS; i++) {
    const t0 = performance.now();
    const kernel = await start();
    await onePlusOne(kernel);
    into.firstMs.push(performance.now() - t0);
    await kernel.shutdown();
  }
  const kernel = await start();
  await onePlusOne(kernel);
  for (let i = 0; i < ROUNDTRIPS; i++) {
    const t0 = performance.now();
    await onePlusOne(kernel);
    into.roundtripMs.push(performance.now() - t0);
  }
  await kernel.shutdown();
}

function pythonRound(args: string[], into: Figures): void {
  const out = execFileSync("/usr/bin/python3", args, { encoding: "utf8" });
  const figures = JSON.parse(out) as { first_ms: number[]; roundtrip_ms: number[] };
  into.firstMs.push(...figures.first_ms);
  into.roundtripMs.push(...figures.roundtrip_ms);
}

async function main(): Promise<void> {
  const server = await startJupyterServer();
  const loadBefore = loadavg()[0] ?? 0;
  const clients = {
    "oprel (gateway)": { firstMs: [], roundtripMs: [] } as Figures,
    "Python ws client (gateway)": { firstMs: [], roundtripMs: [] } as Figures,
    "jupyter_client (ZeroMQ, no server)": { firstMs: [], roundtripMs: [] } as Figures,
  };
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      await oprelRound(server.url, server.token, clients["oprel (gateway)"]);
      pythonRound(
        [here("./gateway_client.py"), server.url, server.token, `${STARTS}`, `${ROUNDTRIPS}`],
        clients["Python ws client (gateway)"],
      );
      pythonRound(
        [here("./jupyter_bridge.py"), "python3", `${STARTS}`, `${ROUNDTRIPS}`],
        clients["jupyter_client (ZeroMQ, no server)"],
      );
      process.stderr.write(`round ${round}/${ROUNDS} done\n`);
    }
  } finally {
    await server.stop();
  }
  console.log = consoleLog;
  console.log(
    `ipykernel behind a local Jupyter server, ${ROUNDS} interleaved rounds, ms ` +
      `(load average ${loadBefore.toFixed(2)} before, ${(loadavg()[0] ?? 0).toFixed(2)} after)`,
  );
  printTable(
    ["client", "start to first 1+1 (median)", "1+1 p50", "1+1 p95"],
    Object.entries(clients).map(([client, f]) => [
      client,
      median(f.firstMs).toFixed(0),
      percentile(f.roundtripMs, 50).toFixed(2),
      percentile(f.roundtripMs, 95).toFixed(2),
    ]),
  );
}

await main();
