// Reading parameters from the command line: -p NAME VALUE, -r NAME VALUE, -f FILE.yaml, -y 'YAML'.
// Sources apply in command-line order; a later one overrides an earlier one name by name.

import { readFile } from "node:fs/promises";
import { OprelError } from "../../errors.js";
import { checkName, type ParamValue } from "./values.js";

export type ParamSource =
  | { kind: "p"; name: string; value: string }
  | { kind: "r"; name: string; value: string }
  | { kind: "f"; path: string }
  | { kind: "y"; text: string };

/** One name's value from one source. `-p` values stay text until the notebook's defaults are known. */
export type ParamEntry =
  | { name: string; inferred: true; text: string }
  | { name: string; inferred: false; value: ParamValue; origin: string };

/** Reads the YAML sources once; the result is the same for every notebook of the run. */
export async function readParamSources(sources: ParamSource[]): Promise<ParamEntry[]> {
  const entries: ParamEntry[] = [];
  for (const source of sources) {
    if (source.kind === "p" || source.kind === "r") {
      checkName(source.name, `-${source.kind} ${source.name}`);
      entries.push(
        source.kind === "p"
          ? { name: source.name, inferred: true, text: source.value }
          : { name: source.name, inferred: false, value: source.value, origin: "-r" },
      );
      continue;
    }
    const origin = source.kind === "f" ? `-f ${source.path}` : "-y";
    const text = source.kind === "f" ? await readYamlFile(source.path) : source.text;
    // The YAML parser loads only when YAML is given: it costs start-up time.
    const { parseYamlParams } = await import("./yaml-params.js");
    for (const [name, value] of Object.entries(parseYamlParams(text, origin))) {
      entries.push({ name, inferred: false, value, origin });
    }
  }
  return entries;
}

async function readYamlFile(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "does not exist" : "cannot be read";
    throw new OprelError(
      "PARAMETER_INVALID",
      `The parameters file ${path} ${reason}.`,
      "Check the path given to -f.",
      {
        cause: error,
      },
    );
  }
}
