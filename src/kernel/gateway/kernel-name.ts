// Which of the gateway's kernels runs a notebook: the one its kernelspec (or --kernel) names, and
// for a Python notebook the server's Python kernel (python3, else its default when that is Python).

import type { KernelSpec } from "@jupyterlab/services";
import { OprelError } from "../../errors.js";
import { type GatewayTarget, gatewayName } from "./target.js";

export interface WantedKernel {
  /** The name asked for; undefined for "the server's Python kernel". */
  name: string | undefined;
  /** A Python notebook: the server's Python kernel will do if it has none of that name. */
  python: boolean;
  /** Named by --kernel, not by the notebook. */
  override: boolean;
}

export function gatewayKernelName(
  specs: KernelSpec.ISpecModels,
  wanted: WantedKernel,
  target: GatewayTarget,
): string {
  const models = specs.kernelspecs;
  if (wanted.name !== undefined && models[wanted.name]) return wanted.name;
  if (wanted.python && !wanted.override) {
    if (models.python3) return "python3";
    if (models[specs.default]?.language.toLowerCase() === "python") return specs.default;
  }
  const names = Object.keys(models).sort().join(", ") || "none";
  const asked = wanted.name === undefined ? "Python kernel" : `kernel named '${wanted.name}'`;
  throw new OprelError(
    "KERNEL_START_FAILED",
    `The Jupyter gateway at ${gatewayName(target)} has no ${asked} (it has: ${names}).`,
    "Choose one of its kernels with --kernel NAME.",
  );
}
