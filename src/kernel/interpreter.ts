// Which Python runs a notebook. First match wins: explicit option, OPREL_PYTHON, a .venv next to
// the notebook or in a parent folder (up to the repository root or the home folder), VIRTUAL_ENV,
// CONDA_PREFIX, then python3 on PATH. Missing or non-executable candidates are skipped and recorded.

import { accessSync, constants, existsSync, statSync } from "node:fs";
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

  if (query.python) {
    const found = accept(commandPath(query.python, query.cwd, env), "option");
    if (found) return found;
  }
  if (env.OPREL_PYTHON) {
    const found = accept(commandPath(env.OPREL_PYTHON, query.cwd, env), "OPREL_PYTHON");
    if (found) return found;
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

/** The notebook's folder and its parents, stopping after a folder holding .git or at the home folder. */
export function venvSearchFolders(start: string): string[] {
  const home = homedir();
  const folders: string[] = [];
  let folder = start;
  for (;;) {
    folders.push(folder);
    if (folder === home || existsSync(join(folder, ".git"))) break;
    const parent = dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return folders;
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
