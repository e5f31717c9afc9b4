// Reading parameters from the command line: -p NAME VALUE, -r NAME VALUE, -f FILE.yaml, -y 'YAML'.
// Sources apply in command-line order; a later one overrides an earlier one name by name.

import { readFile } from "node:fs/promises";
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from "yaml";
import { OprelError } from "../../errors.js";
import { isPythonIdentifier, type ParamValue } from "./values.js";

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

/** A YAML mapping of parameter names to values; ints stay ints and floats stay floats. */
export function parseYamlParams(text: string, origin: string): Record<string, ParamValue> {
  const doc = parseDocument(text, { intAsBigInt: true, prettyErrors: false });
  const problem = doc.errors[0];
  if (problem) {
    throw new OprelError(
      "PARAMETER_INVALID",
      `The YAML given by ${origin} is not valid: ${problem.message.split("\n")[0]}`,
      "Parameters are a YAML mapping such as 'epochs: 10'.",
    );
  }
  if (doc.contents === null) return {};
  if (!isMap(doc.contents)) {
    throw new OprelError(
      "PARAMETER_INVALID",
      `The YAML given by ${origin} is not a mapping of names to values.`,
      "Parameters are a YAML mapping such as 'epochs: 10'.",
    );
  }
  const params = fromYaml(doc.contents, origin);
  for (const name of Object.keys(params as object)) checkName(name, origin);
  return params as Record<string, ParamValue>;
}

function fromYaml(node: unknown, origin: string): ParamValue {
  if (node === null || node === undefined) return null;
  if (isScalar(node)) return scalarValue(node.value, origin);
  if (isSeq(node)) return node.items.map((item) => fromYaml(item, origin));
  if (isMap(node)) {
    const out: Record<string, ParamValue> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      out[String(key)] = fromYaml(pair.value, origin);
    }
    return out;
  }
  throw new OprelError(
    "PARAMETER_INVALID",
    `The YAML given by ${origin} holds a value oprel cannot pass to Python (${String((node as YamlNode).toString?.() ?? node)}).`,
    "Use strings, numbers, booleans, null, lists and mappings.",
  );
}

function scalarValue(value: unknown, origin: string): ParamValue {
  if (
    value === null ||
    typeof value === "boolean" ||
    typeof value === "bigint" ||
    typeof value === "number" ||
    typeof value === "string"
  ) {
    return value;
  }
  throw new OprelError(
    "PARAMETER_INVALID",
    `The YAML given by ${origin} holds a value oprel cannot pass to Python.`,
    "Use strings, numbers, booleans, null, lists and mappings.",
  );
}

function checkName(name: string, origin: string): void {
  if (!isPythonIdentifier(name)) {
    throw new OprelError(
      "PARAMETER_INVALID",
      `${origin}: '${name}' is not a valid Python variable name.`,
      "Parameter names are identifiers such as learning_rate.",
    );
  }
}
