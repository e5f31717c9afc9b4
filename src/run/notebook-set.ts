// The command line's notebooks as a set: each file runs once however it is named (a symbolic link
// and its target are one file, and two runs of it would race to save), and no two notebooks are
// written to the same output.

import { realpathSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { OprelError } from "../errors.js";
import type { RunOptions } from "./options.js";

export interface NotebookSet {
  /** Each notebook to run, as given, with where it is written (undefined with --no-save). */
  outputs: Map<string, string | undefined>;
  /** Warnings for a notebook, such as the other names it was given under. */
  warnings: Map<string, string[]>;
}

function usage(message: string, hint: string): OprelError {
  return new OprelError("USAGE", message, hint);
}

/** The file a path names, links followed; a path that does not exist is checked later. */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

export function notebookSet(options: RunOptions): NotebookSet {
  const outputs = new Map<string, string | undefined>();
  const warnings = new Map<string, string[]>();
  const byFile = new Map<string, string>();
  const seenOutputs = new Map<string, string>();
  for (const path of options.notebooks) {
    const file = realPath(path);
    const first = byFile.get(file);
    if (first !== undefined && resolve(first) === resolve(path)) {
      throw usage(`${path} is given more than once.`, "Name each notebook once.");
    }
    if (first !== undefined) {
      const list = warnings.get(first) ?? [];
      list.push(`${path} is the same file as ${first}, so it runs once.`);
      warnings.set(first, list);
      continue;
    }
    byFile.set(file, path);
    const output = outputFor(path, options);
    if (output !== undefined) {
      const other = seenOutputs.get(realPath(output));
      if (other !== undefined) {
        throw usage(
          `${other} and ${path} would both be written to ${output}.`,
          "Give notebooks with the same name their own runs, or write them in place.",
        );
      }
      seenOutputs.set(realPath(output), path);
    }
    outputs.set(path, output);
  }
  return { outputs, warnings };
}

function outputFor(path: string, options: RunOptions): string | undefined {
  if (!options.save) return undefined;
  if (options.output !== undefined) return options.output;
  if (options.outputDir !== undefined) return join(options.outputDir, basename(path));
  return path;
}
