// Turning the command line's parameters into the values one notebook receives: `-p` text is
// coerced to the type of the parameters cell's default, names the cell does not declare are
// reported (an error with --strict-params).

import { OprelError } from "../../errors.js";
import type { DefaultType, ParameterDefault } from "./defaults.js";
import type { ParamEntry } from "./sources.js";
import {
  inferValue,
  type ParamMap,
  type ParamValue,
  parsePythonFloat,
  parsePythonInt,
} from "./values.js";

export interface ResolvedParams {
  values: ParamMap;
  warnings: string[];
}

/**
 * @param defaults what the parameters cell declares, or undefined when the notebook has none.
 */
export function resolveParams(
  entries: ParamEntry[],
  defaults: ParameterDefault[] | undefined,
  strict: boolean,
): ResolvedParams {
  const declared = new Map((defaults ?? []).map((d) => [d.name, d]));
  const values: ParamMap = {};
  for (const entry of entries) {
    const known = declared.get(entry.name);
    values[entry.name] = entry.inferred ? coerce(entry.name, entry.text, known) : entry.value;
  }
  const unknown = Object.keys(values).filter((name) => !declared.has(name));
  const warnings: string[] = [];
  if (unknown.length > 0) {
    const list = unknown.map((n) => `'${n}'`).join(", ");
    const where = defaults
      ? "the parameters cell does not define"
      : "the notebook has no parameters cell to define";
    const message = `Unknown parameter${unknown.length > 1 ? "s" : ""} ${list}: ${where} ${unknown.length > 1 ? "them" : "it"}.`;
    if (strict) {
      throw new OprelError(
        "PARAMETER_INVALID",
        message,
        "Check the spelling, or drop --strict-params to pass it anyway.",
      );
    }
    warnings.push(message);
  }
  return { values, warnings };
}

const ARTICLE: Record<Exclude<DefaultType, "None" | "unknown" | "str">, string> = {
  int: "an int",
  float: "a float",
  bool: "a bool (True or False)",
};

/** A `-p` value, as the default's type where the cell gives one. None is always accepted. */
export function coerce(
  name: string,
  text: string,
  known: ParameterDefault | undefined,
): ParamValue {
  const type = known?.type ?? "unknown";
  if (type === "None" || type === "unknown" || text === "None") return inferValue(text);
  if (type === "str") return text;
  let value: ParamValue | undefined;
  if (type === "int") value = parsePythonInt(text);
  else if (type === "float") value = parsePythonFloat(text);
  else if (text === "True" || text === "true") value = true;
  else if (text === "False" || text === "false") value = false;
  if (value !== undefined) return value;
  throw new OprelError(
    "PARAMETER_INVALID",
    `-p ${name} '${text}': expected ${ARTICLE[type]} like the default ${known?.text}.`,
    type === "bool"
      ? "Pass True or False."
      : `Pass a number, or use -r ${name} VALUE to pass text as it is.`,
  );
}
