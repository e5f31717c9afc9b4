// The environment a worker runs with: the controller's, the caller's overrides, and what the
// protocol promises the worker (docs/protocol.md, Transport).

import type { KernelOptions } from "./types.js";

export type Env = Record<string, string | undefined>;

/** process.env with the caller's variables laid over it; an undefined value removes one. */
export function mergeEnv(overrides: KernelOptions["env"]): Env {
  const env: Env = { ...process.env };
  for (const [name, value] of Object.entries(overrides ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

export function workerEnv(base: Env, options: KernelOptions): Env {
  const env: Env = { ...base, PYTHONUNBUFFERED: "1" };
  env.MPLBACKEND ??= "module://oprel_mpl_backend";
  if (options.memoryLimitBytes !== undefined) {
    env.OPREL_MEMORY_LIMIT = String(Math.floor(options.memoryLimitBytes));
  }
  Object.assign(env, options.registry?.workerEnv());
  return env;
}
