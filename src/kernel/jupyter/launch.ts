// The command line a Jupyter kernel is started with: its kernelspec's argv, filled in, with another
// interpreter in place of the kernelspec's python when one was chosen (--python, OPREL_PYTHON, a
// .venv), and under util-linux's prlimit when --memory-limit asks for an address-space limit:
// Node cannot set a child's rlimit, and prlimit sets it and then execs the kernel (same pid, so
// signals to the process group still reach it).

import { accessSync, constants } from "node:fs";
import { basename, delimiter, join } from "node:path";
import { OprelError } from "../../errors.js";
import { printedTail } from "../start.js";
import { type KernelSpec, kernelCommand } from "./kernelspec.js";

export interface LaunchOptions {
  /** RLIMIT_AS for the kernel process, in bytes. */
  memoryLimitBytes?: number;
  /** An interpreter to run in place of the kernelspec's python (argv[0]). */
  python?: string;
}

type Env = Record<string, string | undefined>;

/** Is argv[0] a Python interpreter (python, python3, python3.11, /usr/bin/python3)? */
export function runsPython(spec: KernelSpec): boolean {
  return /^python[\d.]*$/.test(basename(spec.argv[0] ?? ""));
}

export function launchCommand(
  spec: KernelSpec,
  connectionFile: string,
  options: LaunchOptions,
  env: Env,
): string[] {
  const argv = kernelCommand(spec, connectionFile);
  if (options.python !== undefined && runsPython(spec)) argv[0] = options.python;
  if (options.memoryLimitBytes === undefined) return argv;
  return [prlimitPath(env), `--as=${Math.floor(options.memoryLimitBytes)}`, "--", ...argv];
}

function prlimitPath(env: Env): string {
  for (const folder of [...(env.PATH ?? "").split(delimiter), "/usr/bin", "/bin"]) {
    if (!folder) continue;
    const candidate = join(folder, "prlimit");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  throw new OprelError(
    "KERNEL_START_FAILED",
    "--memory-limit needs the prlimit command to limit a Jupyter kernel, and it is not installed.",
    "Install util-linux (it has prlimit), or leave --memory-limit out.",
  );
}

/** A start that failed because a port was taken: worth another try with fresh ports. */
export class PortTaken extends Error {
  constructor(readonly failure: OprelError) {
    super(failure.message);
  }
}

/** Why the kernel did not start (`outcome`), with what it printed and a hint. */
export function startFailure(
  spec: KernelSpec,
  outcome: string,
  printed: string,
  memoryLimitBytes: number | undefined,
): OprelError | PortTaken {
  const failure = new OprelError(
    "KERNEL_START_FAILED",
    `The Jupyter kernel '${spec.name}' could not start: ${outcome}${printedTail(printed)}`,
    memoryLimitBytes === undefined
      ? `Check that \`${spec.argv.join(" ")}\` works (from ${join(spec.dir, "kernel.json")}).`
      : `It may need more address space than --memory-limit ${Math.round(memoryLimitBytes / 2 ** 20)}M allows (V8, in tslab and other Node kernels, reserves over a gigabyte at start): raise the limit or leave it out for the '${spec.name}' kernel.`,
  );
  return /address already in use/i.test(printed) ? new PortTaken(failure) : failure;
}
