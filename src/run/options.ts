// What `oprel run` was asked to do, once the command line has been parsed.

import type { ParamSource } from "./params/sources.js";
import type { Shard } from "./shard.js";

/** How a cell's exception affects the run: stop there, run the rest and fail, or run the rest and pass. */
export type ErrorMode = "stop" | "continue" | "allow";

export interface RunOptions {
  notebooks: string[];
  /** -o FILE: only with one notebook. */
  output?: string;
  outputDir?: string;
  /** False with --no-save. */
  save: boolean;
  params: ParamSource[];
  strictParams: boolean;
  errorMode: ErrorMode;
  /** False with --no-timing: no times in the saved notebook, for clean diffs. */
  timing: boolean;
  cellTimeoutMs?: number;
  notebookTimeoutMs?: number;
  cwd?: string;
  python?: string;
  /** --kernel NAME: the kernel for every notebook, over each notebook's own kernelspec. */
  kernel?: string;
  /** --gateway URL: run the kernels there (else OPREL_GATEWAY_URL's gateway, if set). */
  gateway?: string;
  /** --memory-limit: RLIMIT_AS for each kernel, oprel's worker or a Jupyter kernel, in bytes. */
  memoryLimitBytes?: number;
  /** --max-output: the most output one cell keeps (UTF-16 units, bytes for ASCII); default 100 MB. */
  maxOutput?: number;
  /** --registry-limit: the largest value the shared registry takes, pickled, in bytes. */
  registryLimitBytes?: number;
  /** --registry-dir: the shared registry's entries persist in this folder. */
  registryDir?: string;
  jobs: number;
  failFast: boolean;
  logOutput: boolean;
  junit?: string;
  junitCells: boolean;
  json?: string;
  /** --shard i/n: run only this share of the notebooks. */
  shard?: Shard;
  /** --shard-durations: an earlier JSON report whose durations balance the shares. */
  shardDurations?: string;
  debug: boolean;
}
