// The shared registry (%share, %fetch) lives in oprel's own Python worker; a notebook that runs in
// a Jupyter kernel (local or on a gateway) cannot reach it. A --registry-dir no notebook can use
// is worth a warning.

import type { RunOptions } from "./options.js";
import type { PreparedNotebook } from "./prepare.js";

/** A kernel that is not installed fails at start, and has no registry either way. */
function inWorker(prep: PreparedNotebook): boolean {
  return !(prep.kernel instanceof Error) && prep.kernel.kind === "worker";
}

/** The warning when --registry-dir is given and every notebook runs in a Jupyter kernel. */
export function registryDirWarning(
  prepared: PreparedNotebook[],
  options: Pick<RunOptions, "registryDir">,
): string | undefined {
  if (options.registryDir === undefined || prepared.length === 0) return undefined;
  if (prepared.some(inWorker)) return undefined;
  return "--registry-dir has no use here: %share and %fetch exist only in oprel's Python worker, and every notebook of this run runs in a Jupyter kernel.";
}
