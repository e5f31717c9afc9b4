// Which Python runs a notebook. First match wins: explicit option, OPREL_PYTHON, a .venv next to
// the notebook or in a parent folder (up to the repository root, the home folder, a world-writable
// folder or a mount boundary; one anybody could have planted is skipped), VIRTUAL_ENV,
// CONDA_PREFIX, then python3 on PATH. An explicit choice (the option, OPREL_PYTHON) that cannot run
// is an error; the other candidates are skipped when missing or not executable, and recorded.

import { accessSync, constants, existsSync, lstatSync, type Stats, statSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, dirname, isAbsolute, join, resolve } from "node:path";
import { OprelError } from "../errors.js";

export type InterpreterSource =
  | "option"
  | "OPREL_PYTHON"
  | ".venv"
  | "VIRTUAL_ENV"
  | "CONDA_PREFIX"
  | "PATH";

export interface ResolvedInterpreter {
  path: string;
  source: InterpreterSource;
  /** Candidates skipped before this one, each as "path (source): why". */
  tried: string[];
}

export interface InterpreterQuery {
  /** Folder the worker runs in; relative paths resolve against it. */
  cwd: string;
  python?: string;
  notebookPath?: string;
  /** The environment the worker will get (defaults to process.env). */
  env?: Record<string, string | undefined>;
}

export async function resolveInterpreter(query: InterpreterQuery): Promise<ResolvedInterpreter> {
  return resolveInterpreterSync(query);
}

/** Synchronous core: a handful of stat calls, no process is started. */
export function resolveInterpreterSync(query: InterpreterQuery): ResolvedInterpreter {
  const env = query.env ?? process.env;
  const tried: string[] = [];
  const accept = (path: string, source: InterpreterSource): ResolvedInterpreter | undefined => {
    const problem = whyNotExecutable(path);
    if (problem === null) return { path, source, tried };
    tried.push(`${path} (${source}): ${problem}`);
    return undefined;
  };

  // A named interpreter is a decision: if it cannot run, say so rather than run another one.
  const named = query.python ? "option" : env.OPREL_PYTHON ? "OPREL_PYTHON" : undefined;
  if (named) {
    const command = (named === "option" ? query.python : env.OPREL_PYTHON) as string;
    const path = commandPath(command, query.cwd, env);
    const problem = whyNotExecutable(path);
    if (problem === null) return { path, source: named, tried };
    const given = named === "option" ? `--python ${command}` : `OPREL_PYTHON=${command}`;
    throw new OprelError(
      "INTERPRETER_NOT_FOUND",
      `${given} is not a usable interpreter: ${problem}${path === command ? "" : ` (${path})`}.`,
      named === "option"
        ? "Give the path of a Python executable, or leave --python out to use the default."
        : "Point OPREL_PYTHON at a Python executable, or unset it to use the default.",
    );
  }
  const start = query.notebookPath
    ? dirname(resolve(query.cwd, query.notebookPath))
    : resolve(query.cwd);
  const folders = venvSearchFolders(start);
  let sawVenv = false;
  for (const folder of folders) {
    // A folder without .venv is not worth its own line in the error; a broken .venv is.
    if (!existsSync(join(folder, ".venv"))) continue;
    sawVenv = true;
    const distrust = whyNotTrusted(folder);
    if (distrust !== null) {
      tried.push(`${join(folder, ".venv")} (.venv): not used, ${distrust}`);
      continue;
    }
    const found = accept(join(folder, ".venv", "bin", "python"), ".venv");
    if (found) return found;
  }
  if (!sawVenv) tried.push(`.venv/bin/python (.venv): no .venv in ${folders.join(", ")}`);
  for (const source of ["VIRTUAL_ENV", "CONDA_PREFIX"] as const) {
    const prefix = env[source];
    if (!prefix) continue;
    const found = accept(join(prefix, "bin", "python"), source);
    if (found) return found;
  }
  const onPath = searchPath("python3", env);
  if (onPath) {
    const found = accept(onPath, "PATH");
    if (found) return found;
  } else {
    tried.push(`python3 (PATH): not found in ${env.PATH ?? "(PATH is not set)"}`);
  }

  throw new OprelError(
    "INTERPRETER_NOT_FOUND",
    `No usable Python interpreter was found; tried:\n  ${tried.join("\n  ")}`,
    "Install python3, create a .venv next to the notebook, or name one with --python or OPREL_PYTHON.",
  );
}

/**
 * The notebook's folder and its parents, stopping after a folder holding .git, the home folder or a
 * world-writable folder (/tmp: what lies above is nobody's project), and before a mount boundary.
 */
export function venvSearchFolders(start: string): string[] {
  const home = homedir();
  const folders: string[] = [];
  let folder = start;
  let here = statOrNull(folder);
  for (;;) {
    folders.push(folder);
    if (folder === home || existsSync(join(folder, ".git"))) break;
    if (here && (here.mode & WORLD_WRITABLE) !== 0) break;
    const parent = dirname(folder);
    if (parent === folder) break;
    const above = statOrNull(parent);
    if (here && above && above.dev !== here.dev) break;
    folder = parent;
    here = above;
  }
  return folders;
}

const WORLD_WRITABLE = 0o002;

/**
 * Why FOLDER/.venv must not be used, or null: anyone could have planted it. It must belong to the
 * user or root, and sit in a folder that is not world-writable unless the user owns that folder.
 */
function whyNotTrusted(folder: string): string | null {
  const uid = process.getuid?.();
  if (uid === undefined) return null;
  const venv = lstatOrNull(join(folder, ".venv"));
  if (venv && venv.uid !== uid && venv.uid !== 0)
    return `it belongs to another user (uid ${venv.uid})`;
  const parent = statOrNull(folder);
  if (parent && (parent.mode & WORLD_WRITABLE) !== 0 && parent.uid !== uid) {
    return "it is in a world-writable folder that you do not own";
  }
  return null;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

function whyNotExecutable(path: string): string | null {
  try {
    if (!statSync(path).isFile()) return "not a file";
  } catch {
    return "not found";
  }
  try {
    accessSync(path, constants.X_OK);
    return null;
  } catch {
    return "not executable";
  }
}

/** Why an explicitly named interpreter cannot run (null when it can), with no fallback to others. */
export function explicitInterpreterProblem(
  command: string,
  cwd: string,
  env: Record<string, string | undefined> = process.env,
): string | null {
  return whyNotExecutable(commandPath(command, cwd, env));
}

/** A bare name ("python3.12") is looked up on PATH; anything with a slash is a path. */
function commandPath(
  command: string,
  cwd: string,
  env: Record<string, string | undefined>,
): string {
  if (command.includes("/")) return isAbsolute(command) ? command : resolve(cwd, command);
  return searchPath(command, env) ?? command;
}

function searchPath(name: string, env: Record<string, string | undefined>): string | undefined {
  for (const folder of (env.PATH ?? "").split(delimiter)) {
    if (!folder) continue;
    const candidate = join(folder, name);
    if (whyNotExecutable(candidate) === null) return candidate;
  }
  return undefined;
}
