// Everything that can go wrong before a kernel starts, checked for every notebook first: the file
// reads and validates, its parameters resolve, its output has a place to go. Any problem here is
// exit code 2 and nothing runs.

import { existsSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { OprelError } from "../errors.js";
import { chooseKernel, explicitInterpreterProblem, type KernelChoice } from "../kernel/index.js";
import {
  cellSource,
  type DiskInfo,
  deleteCell,
  insertCell,
  isReadOnlyFile,
  loadNotebook,
  originalMinor,
  setSource,
  withFields,
} from "../notebook/index.js";
import type { JsonObject, Notebook } from "../notebook/types.js";
import { isErrorMarker } from "./banner.js";
import type { RunOptions } from "./options.js";
import { parseParameterDefaults } from "./params/defaults.js";
import { injectedSource, injectionPlace } from "./params/inject.js";
import { resolveParams } from "./params/resolve.js";
import type { ParamEntry } from "./params/sources.js";
import { toJson } from "./params/values.js";
import { findTagged, TAG } from "./tags.js";

export interface PreparedNotebook {
  /** As given on the command line; also the notebook's name in messages and reports. */
  path: string;
  notebook: Notebook;
  disk: DiskInfo;
  /** Where the executed notebook goes; undefined with --no-save. */
  outputPath?: string;
  /** The output is the input file itself, so a change on disk during the run must be noticed. */
  inPlace: boolean;
  cwd: string;
  warnings: string[];
  /** Save in the notebook's own nbformat 4 minor version (no ids added to a 4.4 file). */
  nbformatMinor?: number;
  /** The kernel it runs in, chosen once; or why none can be (reported when the notebook starts). */
  kernel: KernelChoice | OprelError;
}

function usage(message: string, hint: string): OprelError {
  return new OprelError("USAGE", message, hint);
}

/**
 * The --python interpreter as an absolute path (a path is relative to where oprel was started, not
 * to each notebook's folder), checked now: a wrong --python must fail, never fall back to another.
 */
export function checkPython(python: string | undefined): string | undefined {
  if (python === undefined) return undefined;
  const wanted = python.includes("/") ? resolve(python) : python;
  const why = explicitInterpreterProblem(wanted, process.cwd());
  if (why !== null) {
    throw new OprelError(
      "INTERPRETER_NOT_FOUND",
      `--python ${python} is not a usable interpreter: ${why}.`,
      "Give the path of a Python executable, or leave --python out to use the default.",
    );
  }
  return wanted;
}

/** Creates --output-dir, and checks that -o's folder exists, before anything runs. */
export async function prepareOutputFolder(options: RunOptions): Promise<void> {
  if (options.outputDir !== undefined) {
    try {
      await mkdir(options.outputDir, { recursive: true });
    } catch (error) {
      throw new OprelError(
        "SAVE_FAILED",
        `The output folder ${options.outputDir} cannot be created: ${(error as Error).message}`,
        "Check the path given to --output-dir.",
        { cause: error },
      );
    }
  }
  if (options.output !== undefined) {
    const folder = dirname(resolve(options.output));
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      throw new OprelError(
        "SAVE_FAILED",
        `The folder for ${options.output} does not exist.`,
        "Create it first, or choose another -o path.",
      );
    }
  }
  if (options.cwd !== undefined && !existsSync(options.cwd)) {
    throw usage(
      `The working folder ${options.cwd} does not exist.`,
      "Check the path given to --cwd.",
    );
  }
  if (options.cwd !== undefined && !statSync(options.cwd).isDirectory()) {
    throw usage(
      `--cwd ${options.cwd} is not a folder.`,
      "Give the folder the kernels should run in.",
    );
  }
}

export async function prepareNotebook(
  path: string,
  outputPath: string | undefined,
  params: ParamEntry[],
  options: RunOptions,
): Promise<PreparedNotebook> {
  if (outputPath !== undefined && isReadOnlyFile(outputPath)) {
    throw new OprelError(
      "SAVE_FAILED",
      `${outputPath} is read-only, so the executed notebook cannot be saved there.`,
      "Make it writable (chmod u+w), write the result elsewhere with -o or --output-dir, or use --no-save.",
    );
  }
  const loaded = await loadNotebook(path);
  const nbformatMinor = originalMinor(loaded.upgradedFrom);
  // A 4.x file is written back in its own minor version, so the reader's "saving writes 4.5" is moot.
  const moot = `was upgraded from nbformat ${loaded.upgradedFrom} `;
  const warnings = loaded.warnings.filter((w) => nbformatMinor === undefined || !w.includes(moot));
  // Markers of an earlier failed run are stale now.
  let notebook = loaded.notebook;
  for (const cell of notebook.cells.filter(isErrorMarker)) notebook = deleteCell(notebook, cell.id);

  const parametersCell = notebook.cells[findTagged(notebook.cells, TAG.parameters)];
  const defaults =
    parametersCell?.cell_type === "code"
      ? parseParameterDefaults(cellSource(parametersCell))
      : undefined;
  const kernel = kernelOf(notebook.metadata.kernelspec as JsonObject | undefined, options);
  let values = {};
  if (params.length > 0) {
    refuseParamsForOtherLanguages(path, kernel);
    const resolved = resolveParams(params, defaults, options.strictParams);
    values = resolved.values;
    warnings.push(...resolved.warnings);
    const place = injectionPlace(notebook.cells);
    const source = injectedSource(resolved.values);
    if (place.kind === "replace") notebook = setSource(notebook, place.cellId, source);
    else {
      if (place.kind === "top") warnings.push(place.warning);
      const index =
        place.kind === "top" ? 0 : notebook.cells.findIndex((c) => c.id === place.cellId) + 1;
      notebook = insertCell(notebook, index, {
        cell_type: "code",
        source,
        metadata: { tags: [TAG.injected] },
      });
    }
  }
  const earlier = notebook.metadata.papermill;
  const papermill = withFields(isObject(earlier) ? earlier : {}, {
    parameters: toJson(values),
    input_path: path,
    output_path: outputPath ?? null,
  });
  notebook = withFields(notebook, { metadata: withFields(notebook.metadata, { papermill }) });

  return {
    path,
    notebook,
    disk: loaded.disk,
    outputPath,
    inPlace: outputPath !== undefined && resolve(outputPath) === resolve(path),
    cwd: resolve(options.cwd ?? dirname(path)),
    warnings,
    nbformatMinor,
    kernel,
  };
}

function kernelOf(
  kernelspec: JsonObject | undefined,
  options: RunOptions,
): KernelChoice | OprelError {
  try {
    return chooseKernel(kernelspec, options.kernel, process.env, options.gateway);
  } catch (error) {
    if (error instanceof OprelError) return error;
    throw error;
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The injected cell is Python: a notebook that runs in another language's kernel cannot take it. */
function refuseParamsForOtherLanguages(path: string, choice: KernelChoice | OprelError): void {
  // A kernel that is not installed is reported when it fails to start.
  if (choice instanceof OprelError || choice.kind === "worker") return;
  const [name, language] =
    choice.kind === "jupyter"
      ? [choice.spec.name, choice.spec.language]
      : [choice.wanted.name ?? "python3", choice.language ?? "an unknown language"];
  if (language.toLowerCase() === "python") return;
  throw new OprelError(
    "PARAMETER_INVALID",
    `${path} runs in the '${name}' kernel (${language}), and parameters are injected as Python code.`,
    "Parameters (-p, -r, -f, -y) work for Python notebooks only, for now.",
  );
}
