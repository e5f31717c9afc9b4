// The shared registry (%share, %fetch) lives in oprel's own Python worker; a notebook that runs in
// a Jupyter kernel (local or on a gateway) cannot reach it. A --registry-dir no notebook can use
// is worth a warning.

import { chooseKernel } from "../kernel/index.js";
import type { JsonObject } from "../notebook/types.js";
import type { RunOptions } from "./options.js";
import type { PreparedNotebook } from "./prepare.js";

function inWorker(
  prep: PreparedNotebook,
  options: Pick<RunOptions, "kernel" | "gateway">,
): boolean {
  const kernelspec = prep.notebook.metadata.kernelspec as JsonObject | undefined;
  try {
    return chooseKernel(kernelspec, options.kernel, process.env, options.gateway).kind === "worker";
  } catch {
    return false; // not installed: it fails at start, and has no registry either way
  }
}

/** The warning when --registry-dir is given and every notebook runs in a Jupyter kernel. */
export function registryDirWarning(
  prepared: PreparedNotebook[],
  options: Pick<RunOptions, "registryDir" | "kernel" | "gateway">,
): string | undefined {
  if (options.registryDir === undefined || prepared.length === 0) return undefined;
  if (prepared.some((prep) => inWorker(prep, options))) return undefined;
  return "--registry-dir has no use here: %share and %fetch exist only in oprel's Python worker, and every notebook of this run runs in a Jupyter kernel.";
}
