// `oprel run` from parsed options to exit code: check every notebook, run them through the one
// global queue (-j at a time), then report. SIGINT, SIGTERM and SIGHUP stop the run but still save.

import { resolve } from "node:path";
import { formatError } from "../cli/errors.js";
import { isOprelError } from "../errors.js";
import { killAllKernels } from "../kernel/index.js";
import { ExecutionQueue } from "../queue/index.js";
import { Registry } from "../registry/index.js";
import { stderr, stdout } from "../terminal/writer.js";
import { EXIT, SIGNAL_EXIT, worstExit } from "./exit-codes.js";
import { runNotebook } from "./notebook-run.js";
import { notebookSet } from "./notebook-set.js";
import type { RunOptions } from "./options.js";
import { createReporter } from "./output/create-reporter.js";
import { readParamSources } from "./params/sources.js";
import { runPool } from "./pool.js";
import {
  checkPython,
  type PreparedNotebook,
  prepareNotebook,
  prepareOutputFolder,
} from "./prepare.js";
import { RegistryDeadlockWatch } from "./registry-deadlock.js";
import { registryDirWarning } from "./registry-reach.js";
import { githubAnnotations } from "./report/github.js";
import { readJsonReport } from "./report/read-json.js";
import { checkReportPaths, writeReports } from "./report/write-reports.js";
import type { RunResult } from "./results.js";
import { type Shard, shardName, shardShare } from "./shard.js";
import { onStopSignals } from "./signals.js";
import { StopController } from "./stop.js";

export async function runCommand(given: RunOptions): Promise<number> {
  const startedAt = performance.now();
  let prepared: PreparedNotebook[];
  let total: number;
  let options = given;
  let registry: Registry;
  try {
    options = { ...given, python: checkPython(given.python) };
    ({ prepared, total } = await prepareAll(options));
    registry = Registry.open({ limitBytes: options.registryLimitBytes, dir: options.registryDir });
  } catch (error) {
    stderr().write(`${formatError(error, given.debug)}\n`);
    return isOprelError(error, "INTERPRETER_NOT_FOUND") ? EXIT.kernelStartFailed : EXIT.usage;
  }

  if (options.shard !== undefined) {
    const line = shardLine(options.shard, prepared.length, total);
    if (prepared.length === 0) {
      // Still write the (empty) reports: a CI merge step expects one from every shard.
      const problem = await writeReports(
        { exitCode: EXIT.ok, durationMs: 0, notebooks: [] },
        options,
      );
      registry.close();
      stdout().write(`${line}\n`);
      if (problem) stderr().write(`oprel: ${problem}\n`);
      return problem ? EXIT.usage : EXIT.ok;
    }
    stdout().write(`${line}\n`);
  }

  const stop = new StopController();
  const stopListening = onStopSignals((signal) => {
    // A second signal means "now": kill the workers; what ran is still saved.
    if (stop.stopped) killAllKernels();
    else stop.stop(signal);
  });
  // Whatever happens to this process, no worker outlives it.
  process.on("exit", killAllKernels);

  const reporter = createReporter(stdout(), options.logOutput);
  const unreachable = registryDirWarning(prepared, options);
  if (unreachable) reporter.warning(undefined, unreachable);
  const queue = new ExecutionQueue();
  const ctx = { queue, reporter, options, stop, shutdowns: [] as Promise<void>[], registry };
  const deadlocks = new RegistryDeadlockWatch(registry, options.jobs, prepared.length);
  try {
    const notebooks = await runPool(prepared, options.jobs, async (prep, index) => {
      const source = resolve(prep.path);
      deadlocks.enter(source);
      const result = await runNotebook(prep, `${index}:${prep.path}`, ctx).finally(() =>
        deadlocks.leave(source),
      );
      if (options.failFast && result.exitCode !== EXIT.ok) stop.stop("fail-fast");
      return result;
    });
    await Promise.allSettled(ctx.shutdowns);

    let exitCode = worstExit(notebooks.map((nb) => nb.exitCode));
    if (stop.reason !== undefined && stop.reason !== "fail-fast")
      exitCode = SIGNAL_EXIT[stop.reason];
    const run: RunResult = { exitCode, durationMs: performance.now() - startedAt, notebooks };
    const reportProblem = await writeReports(run, options);
    if (reportProblem) {
      reporter.warning(undefined, reportProblem);
      run.exitCode = Math.max(run.exitCode, EXIT.usage);
    }
    reporter.finish(run);
    for (const line of githubAnnotations(notebooks, process.env)) stdout().write(`${line}\n`);
    return run.exitCode;
  } finally {
    stopListening();
    deadlocks.dispose();
    registry.close();
  }
}

/** The notebooks to run, prepared, and how many were given (before --shard took its share). */
async function prepareAll(
  options: RunOptions,
): Promise<{ prepared: PreparedNotebook[]; total: number }> {
  const { outputs, warnings } = notebookSet(options);
  checkReportPaths(options);
  await prepareOutputFolder(options);
  const params = await readParamSources(options.params);
  const share = new Set(shareOf([...outputs.keys()], options));
  const prepared: PreparedNotebook[] = [];
  for (const [path, output] of outputs) {
    if (!share.has(path)) continue;
    const prep = await prepareNotebook(path, output, params, options);
    prep.warnings.push(...(warnings.get(path) ?? []));
    prepared.push(prep);
  }
  return { prepared, total: outputs.size };
}

/** The notebooks this machine runs: all of them, or with --shard its share. */
function shareOf(paths: string[], options: RunOptions): string[] {
  if (options.shard === undefined) return paths;
  let durations: Map<string, number> | undefined;
  if (options.shardDurations !== undefined) {
    const earlier = readJsonReport(options.shardDurations, "--shard-durations");
    durations = new Map(earlier.notebooks.map((nb) => [shardName(nb.path), nb.durationMs]));
  }
  return shardShare(paths, options.shard, durations);
}

function shardLine(shard: Shard, count: number, total: number): string {
  const { index, count: shards } = shard;
  const given = `${total} notebook${total === 1 ? "" : "s"}`;
  return count === 0
    ? `oprel: shard ${index}/${shards} has no notebooks (${given} over ${shards} shards); nothing to run.`
    : `oprel: shard ${index}/${shards} runs ${count} of ${given}.`;
}
