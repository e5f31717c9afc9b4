// What the `parameters` cell declares: names, and for simple literal defaults their Python type.
// Only top-level `name = literal  # comment` (optionally annotated) lines are understood; anything
// else still declares the name (so it is not "unknown") but with no type to coerce to.

import { parsePythonFloat, parsePythonInt } from "./values.js";

export type DefaultType = "int" | "float" | "bool" | "None" | "str" | "unknown";

export interface ParameterDefault {
  name: string;
  type: DefaultType;
  /** The default as written in the cell, for messages ("10", "'adam'"). */
  text: string;
}

const ASSIGNMENT = /^([\p{L}_][\p{L}\p{N}_]*)\s*(?::\s*([^=]+?)\s*)?=(?!=)\s*(.*)$/u;

/** The declared parameters, in order of first appearance; a later assignment wins. */
export function parseParameterDefaults(source: string): ParameterDefault[] {
  const found = new Map<string, ParameterDefault>();
  for (const line of source.split(/\r?\n/)) {
    const match = ASSIGNMENT.exec(line);
    if (!match) continue;
    const [, name = "", annotation, rest = ""] = match;
    const text = stripComment(rest).trim();
    let type = literalType(text);
    // `a: float = 2` is a float parameter, even though 2 is written as an int.
    if (type === "int" && annotation?.replace(/["']/g, "") === "float") type = "float";
    found.delete(name);
    found.set(name, { name, type, text });
  }
  return [...found.values()];
}

/** The text before a `#` that is not inside a string literal. */
function stripComment(text: string): string {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "#") return text.slice(0, i);
  }
  return text;
}

const STRING_LITERAL = /^[rRuU]?(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")$/;
const INT_LITERAL = /^[+-]?(?:0[xX][\da-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|\d[\d_]*)$/;

function literalType(text: string): DefaultType {
  if (text === "True" || text === "False") return "bool";
  if (text === "None") return "None";
  if (INT_LITERAL.test(text)) return "int";
  if (
    !/\s/.test(text) &&
    parsePythonInt(text) === undefined &&
    parsePythonFloat(text) !== undefined
  ) {
    // Bare inf/nan are names in Python source, not floats.
    return /[a-z]/i.test(text.replace(/e/gi, "")) ? "unknown" : "float";
  }
  if (/^float\((['"])[+-]?(inf|nan|infinity)\1\)$/i.test(text)) return "float";
  if (STRING_LITERAL.test(text)) return "str";
  return "unknown";
}
