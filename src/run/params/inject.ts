// Where the injected-parameters cell goes, papermill's way: an earlier injected cell is replaced;
// else right after the `parameters` cell; else at the top, with a warning.

import type { Cell } from "../../notebook/types.js";
import { findTagged, TAG } from "../tags.js";
import { pythonLiteral } from "./python-literal.js";
import type { ParamMap } from "./values.js";

export type InjectionPlace =
  | { kind: "replace"; cellId: string }
  | { kind: "after"; cellId: string }
  | { kind: "top"; warning: string };

export function injectionPlace(cells: readonly Cell[]): InjectionPlace {
  const injected = cells[findTagged(cells, TAG.injected)];
  if (injected) return { kind: "replace", cellId: injected.id };
  const parameters = cells[findTagged(cells, TAG.parameters)];
  if (parameters) return { kind: "after", cellId: parameters.id };
  return {
    kind: "top",
    warning:
      "The notebook has no cell tagged 'parameters'; the parameters go into a new cell at the top.",
  };
}

/** The injected cell's source, as papermill writes it (without black formatting). */
export function injectedSource(values: ParamMap): string {
  let source = "# Parameters\n";
  for (const [name, value] of Object.entries(values))
    source += `${name} = ${pythonLiteral(value)}\n`;
  return source;
}
