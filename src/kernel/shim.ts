// pyenv shims are bash scripts that cost tens of milliseconds per start. The shim's choice is
// predicted the way pyenv makes it (PYENV_VERSION, then .python-version files from the folder up,
// then PYENV_ROOT/version); failing that, once a worker started through a shim has told us its real
// sys.executable, later starts with the same shim, folder and PYENV_VERSION launch that binary
// directly. Either way PATH is set the way `pyenv exec` would set it.

import { accessSync, closeSync, constants, openSync, readFileSync, readSync } from "node:fs";
import { basename, delimiter, dirname, join } from "node:path";

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
  const target = resolvedShims.get(key(python, cwd, env)) ?? predictShimTarget(python, cwd, env);
  if (!target) return { file: python, env };
  return {
    file: target,
    env: { ...env, PATH: [dirname(target), env.PATH].filter(Boolean).join(delimiter) },
  };
}

/** The binary pyenv would pick for this shim, or undefined when unsure (then the shim itself runs). */
export function predictShimTarget(
  shim: string,
  cwd: string,
  env: Record<string, string | undefined>,
): string | undefined {
  const root = env.PYENV_ROOT ?? dirname(dirname(shim));
  const version = pyenvVersion(root, cwd, env);
  // "system" means the next python on PATH after the shims: leave that to pyenv.
  if (!version || version === "system") return undefined;
  const candidate = join(root, "versions", version, "bin", basename(shim));
  try {
    accessSync(candidate, constants.X_OK);
    return candidate;
  } catch {
    return undefined;
  }
}

/** The first version named, in pyenv's order of precedence. */
function pyenvVersion(
  root: string,
  cwd: string,
  env: Record<string, string | undefined>,
): string | undefined {
  if (env.PYENV_VERSION) return env.PYENV_VERSION.split(":")[0]?.trim();
  for (let folder = cwd; ; folder = dirname(folder)) {
    const named = firstWord(join(folder, ".python-version"));
    if (named !== undefined) return named;
    if (dirname(folder) === folder) break;
  }
  return firstWord(join(root, "version"));
}

function firstWord(path: string): string | undefined {
  try {
    const lines = readFileSync(path, "utf8").split("\n");
    return lines
      .map((line) => line.trim().split(/\s+/)[0] ?? "")
      .find((word) => word !== "" && !word.startsWith("#"));
  } catch {
    return undefined;
  }
}
