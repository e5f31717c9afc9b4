// Parameters given as YAML (-f FILE, -y TEXT): a mapping of names to values, where ints stay
// ints and floats stay floats (1.0 is a float in Python and must stay one).

import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from "yaml";
import { OprelError } from "../../errors.js";
import { checkName, type ParamValue } from "./values.js";

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
