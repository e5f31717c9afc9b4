// Running one set of notebooks through both executors: Jupyter (Debian's nbconvert driving
// python3-ipykernel) and the compiled `oprel run`, each on its own copy in its own folder, with the
// same interpreter.

import { spawn } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { CLI } from "../run/helpers.js";
import { compareNotebooks, type Difference } from "./compare.js";

export const PYTHON = "/usr/bin/python3";
export const JUPYTER = "/usr/bin/jupyter";
/** nbconvert processes per suite: its time goes mostly to starting and stopping kernels. */
const JUPYTER_PROCESSES = 2;

export interface Subject {
  /** How differences and the allow-list name it: "nbclient/Error.ipynb", "compat/errors.ipynb". */
  name: string;
  source: string;
  /** Applied to both copies; say why where it is used. */
  patch?: (notebook: Record<string, unknown>) => void;
}

interface Finished {
  code: number | null;
  log: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      log += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      log += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, log }));
  });
}

/** One environment for both sides, free of settings that would change what a notebook prints. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of [
    "MPLBACKEND",
    "OPREL_PYTHON",
    "PYTHONPATH",
    "GITHUB_ACTIONS",
    "JPY_PARENT_PID",
  ])
    delete env[name];
  // ipykernel's debugger otherwise prints a warning about frozen modules on every kernel start.
  env.PYDEVD_DISABLE_FILE_VALIDATION = "1";
  return env;
}

function placeCopies(subjects: Subject[], folder: string): string[] {
  mkdirSync(folder, { recursive: true });
  return subjects.map((subject, i) => {
    // A numeric prefix keeps names unique across corpus folders; the compared name is subject.name.
    const path = join(folder, `${String(i).padStart(2, "0")}-${basename(subject.source)}`);
    if (subject.patch) {
      const notebook = JSON.parse(readFileSync(subject.source, "utf8"));
      subject.patch(notebook);
      writeFileSync(path, `${JSON.stringify(notebook, null, 1)}\n`);
    } else copyFileSync(subject.source, path);
    return path;
  });
}

async function runJupyter(inputs: string[], outDir: string, env: NodeJS.ProcessEnv): Promise<void> {
  if (!existsSync(JUPYTER) || !existsSync(PYTHON))
    throw new Error(
      `the differential test needs ${JUPYTER} and ${PYTHON}: apt-get install jupyter-nbconvert python3-ipykernel (as .ci/run does)`,
    );
  let remaining = inputs;
  for (let attempt = 1; ; attempt++) {
    const results = await runJupyterBatches(remaining, outDir, env);
    const failed = results.filter((result) => result.code !== 0);
    if (failed.length === 0) return;
    // Jupyter's own port race (two kernels picking the same free port): the very failure oprel
    // exists to avoid. Retry what did not get written; any other failure is the suite's fault.
    remaining = inputs.filter((input) => !existsSync(join(outDir, basename(input))));
    const racy = failed.every((result) => JUPYTER_PORT_RACE.test(result.log));
    if (!racy || attempt === 3 || remaining.length === 0)
      throw new Error(`jupyter nbconvert failed:\n${failed.map((r) => r.log).join("\n")}`);
  }
}

const JUPYTER_PORT_RACE = /Address already in use|Kernel died before replying to kernel_info/;

function runJupyterBatches(
  inputs: string[],
  outDir: string,
  env: NodeJS.ProcessEnv,
): Promise<Finished[]> {
  const batches = Array.from({ length: JUPYTER_PROCESSES }, (_, b) =>
    inputs.filter((_, i) => i % JUPYTER_PROCESSES === b),
  ).filter((batch) => batch.length > 0);
  // nbconvert stops at the first notebook it cannot handle; a suite must not list such notebooks.
  return Promise.all(
    batches.map((batch) =>
      run(
        JUPYTER,
        [
          "nbconvert",
          "--to",
          "notebook",
          "--execute",
          "--allow-errors",
          // Several corpus notebooks name no kernel, "python" or "r": run them all on python3.
          "--ExecutePreprocessor.kernel_name=python3",
          "--output-dir",
          outDir,
          ...batch,
        ],
        env,
      ),
    ),
  );
}

async function runOprel(
  inputs: string[],
  outDir: string,
  env: NodeJS.ProcessEnv,
): Promise<Finished> {
  return run(
    process.execPath,
    [
      CLI,
      "run",
      "--python",
      PYTHON,
      "--allow-errors",
      // As nbconvert's kernel_name=python3 above: oprel would otherwise run an "r" notebook in R.
      "--kernel",
      "python3",
      "-j",
      "2",
      "--output-dir",
      outDir,
      ...inputs,
    ],
    env,
  );
}

export interface Comparison {
  differences: Difference[];
  /** oprel's exit code and everything it printed. */
  oprel: Finished;
  /** The lines oprel printed about one notebook, for failure messages. */
  logOf(name: string): string;
  /** Removes the copies and the executed notebooks. */
  cleanUp(): void;
}

/** Runs every subject through both executors at once and compares the results cell by cell. */
export async function runBothAndCompare(subjects: Subject[]): Promise<Comparison> {
  const root = mkdtempSync(join(tmpdir(), "oprel-compat-"));
  const jupyterDir = join(root, "jupyter");
  const oprelDir = join(root, "oprel");
  const jupyterInputs = placeCopies(subjects, jupyterDir);
  const oprelInputs = placeCopies(subjects, oprelDir);
  const env = cleanEnv();
  const [, oprel] = await Promise.all([
    runJupyter(jupyterInputs, join(root, "jupyter-out"), env),
    runOprel(oprelInputs, join(root, "oprel-out"), env),
  ]);
  const differences = subjects.flatMap((subject, i) => {
    const file = basename(jupyterInputs[i] as string);
    return compareNotebooks(
      subject.name,
      { path: join(root, "jupyter-out", file), dir: jupyterDir },
      { path: join(root, "oprel-out", file), dir: oprelDir },
    );
  });
  const copyOf = (name: string) =>
    basename(oprelInputs[subjects.findIndex((s) => s.name === name)] ?? "?");
  return {
    differences,
    oprel,
    logOf: (name) =>
      oprel.log
        .split("\n")
        .filter((line) => line.includes(copyOf(name)))
        .join("\n"),
    cleanUp: () => rmSync(root, { recursive: true, force: true }),
  };
}
