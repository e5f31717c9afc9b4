// Which interpreter runs a Python kernelspec (`--kernel python3-jupyter`): the kernelspec's own,
// unless the user named one as for oprel's worker (--python, OPREL_PYTHON) or the notebook has a
// .venv; then that interpreter's ipykernel, checked before the start so that a missing ipykernel
// is one sentence, not a kernel that died at start.

import { spawnSync } from "node:child_process";
import { OprelError } from "../../errors.js";
import { type InterpreterSource, resolveInterpreterSync } from "../interpreter.js";
import type { KernelOptions } from "../types.js";
import { mergeEnv } from "../worker-env.js";
import type { KernelSpec } from "./kernelspec.js";
import { runsPython } from "./launch.js";

const CHOSEN: Partial<Record<InterpreterSource, (path: string) => string>> = {
  option: (path) => `--python ${path}`,
  OPREL_PYTHON: (path) => `OPREL_PYTHON=${path}`,
  ".venv": (path) => `the notebook's .venv (${path})`,
};

/** The interpreter to run in place of the kernelspec's python, or undefined for its own. */
export function ipykernelPython(
  spec: KernelSpec,
  options: Pick<KernelOptions, "cwd" | "python" | "notebookPath" | "env">,
): string | undefined {
  if (!runsPython(spec)) return undefined;
  const found = resolveInterpreterSync({
    cwd: options.cwd,
    ...(options.python === undefined ? {} : { python: options.python }),
    ...(options.notebookPath === undefined ? {} : { notebookPath: options.notebookPath }),
    env: mergeEnv(options.env),
  });
  const chosen = CHOSEN[found.source];
  if (chosen === undefined) return undefined;
  const check = spawnSync(
    found.path,
    ["-c", "import importlib.util, sys; sys.exit(importlib.util.find_spec('ipykernel') is None)"],
    { stdio: "ignore", timeout: 30_000 },
  );
  if (check.status !== 0)
    throw new OprelError(
      "KERNEL_START_FAILED",
      `${chosen(found.path)} has no ipykernel, which the '${spec.name}' kernel runs.`,
      `Install it there (${found.path} -m pip install ipykernel), or name another interpreter with --python.`,
    );
  return found.path;
}
