// pyenv shims are bash scripts that cost tens of milliseconds per start. Once a worker started
// through a shim has told us its real sys.executable, later starts with the same shim, folder and
// PYENV_VERSION launch that binary directly, with PATH set the way `pyenv exec` would set it.

import { closeSync, openSync, readSync } from "node:fs";
import { delimiter, dirname } from "node:path";

const shimCheck = new Map<string, boolean>();
const resolvedShims = new Map<string, string>();

export function isPyenvShim(path: string): boolean {
  let known = shimCheck.get(path);
  if (known === undefined) {
    const head = readHead(path);
    known = head.startsWith("#!") && head.includes("pyenv");
    shimCheck.set(path, known);
  }
  return known;
}

function readHead(path: string): string {
  try {
    const fd = openSync(path, "r");
    try {
      const buffer = Buffer.alloc(512);
      const length = readSync(fd, buffer, 0, buffer.length, 0);
      return buffer.subarray(0, length).toString("latin1");
    } catch {
      return "";
    } finally {
      closeSync(fd);
    }
  } catch {
    return "";
  }
}

function key(shim: string, cwd: string, env: Record<string, string | undefined>): string {
  return [shim, cwd, env.PYENV_VERSION ?? "", env.PYENV_DIR ?? ""].join("\0");
}

export function rememberShimTarget(
  shim: string,
  cwd: string,
  env: Record<string, string | undefined>,
  executable: string,
): void {
  if (isPyenvShim(shim) && executable && executable !== shim) {
    resolvedShims.set(key(shim, cwd, env), executable);
  }
}

/** The binary to run and the environment to run it with, skipping a shim we have already seen. */
export function launchTarget(
  python: string,
  cwd: string,
  env: Record<string, string | undefined>,
): { file: string; env: Record<string, string | undefined> } {
  if (!isPyenvShim(python)) return { file: python, env };
  const target = resolvedShims.get(key(python, cwd, env));
  if (!target) return { file: python, env };
  return {
    file: target,
    env: { ...env, PATH: [dirname(target), env.PATH].filter(Boolean).join(delimiter) },
  };
}
