// Validation against the official nbformat 4.5 schema, with one readable message per invalid
// notebook. The schema is compiled ahead of time (schema/generate-validator.ts): compiling it with
// ajv at start-up would cost over 100 ms of every `oprel run`.

import { OprelError } from "../errors.js";
import { isObject, stripTransient } from "./disk-form.js";
import { CELL_TYPES } from "./edit/make-cell.js";
import type { PART_DEFINITIONS } from "./schema/generate-validator.js";
import * as generated from "./schema/nbformat-validator.generated.js";
import type { CellType, Notebook } from "./types.js";
import {
  describeErrors,
  formatProblem,
  type Problem,
  type SchemaError,
} from "./validation-message.js";

type ValidateFunction = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };
type Part = (typeof PART_DEFINITIONS)[number];
type Validators = { notebook: ValidateFunction; part: (name: Part) => ValidateFunction };

const table = generated as unknown as Record<string, ValidateFunction>;
const lookup = (name: string): ValidateFunction => {
  const validate = table[name];
  if (!validate) throw new Error(`generated validator ${name} is missing`);
  return validate;
};
const STRICT: Validators = {
  notebook: lookup("validateNotebook"),
  part: (name) => lookup(`validate_${name}`),
};
// Notebooks from a newer minor version may carry properties 4.5 does not know (nbformat's rule).
const RELAXED: Validators = {
  notebook: lookup("validateRelaxedNotebook"),
  part: (name) => lookup(`validateRelaxed_${name}`),
};

const OUTPUT_TYPES = ["execute_result", "display_data", "stream", "error"];

export type ValidationResult =
  | { valid: true }
  | {
      valid: false;
      /** e.g. "cell 3 (id ab12cd34), output 1: 'name' is missing" */
      message: string;
      /** JSON pointer to the offending value, e.g. "/cells/2/outputs/0" */
      path: string;
    };

/** Checks the notebook as it would be saved (in-memory display ids are ignored). */
export function validateNotebook(notebook: Notebook): ValidationResult {
  const document = isObject(notebook) ? stripTransient(notebook) : notebook;
  const relaxed =
    isObject(document) &&
    typeof document.nbformat_minor === "number" &&
    document.nbformat_minor > 5;
  const validators = relaxed ? RELAXED : STRICT;
  const failure = validators.notebook(document)
    ? duplicateIdProblem(document)
    : firstProblem(document, validators);
  return failure ? { valid: false, ...failure } : { valid: true };
}

/**
 * Throws NOTEBOOK_INVALID unless the notebook is valid. The message is `${lead}: ${where and why}`,
 * e.g. lead "analysis.ipynb is not a valid notebook".
 */
export function assertValidNotebook(notebook: Notebook, lead: string, hint: string): void {
  const result = validateNotebook(notebook);
  if (!result.valid) throw new OprelError("NOTEBOOK_INVALID", `${lead}: ${result.message}`, hint);
}

function firstProblem(
  document: unknown,
  validators: Validators,
): { message: string; path: string } {
  if (!isObject(document)) return { message: "the notebook must be a JSON object", path: "" };
  // Top-level errors outside the cells are unambiguous; report them first. (The errors are
  // those of the validation validateNotebook just ran.)
  const errors = validators.notebook.errors ?? [];
  const outside = errors.filter((error) => !/^\/cells\/\d+(\/|$)/.test(error.instancePath));
  if (outside.length > 0) return located("", describeErrors(outside));
  if (Array.isArray(document.cells)) {
    for (const [index, cell] of document.cells.entries()) {
      const problem = cellProblem(cell, index, validators);
      if (problem) return problem;
    }
  }
  return located("", describeErrors(errors));
}

function located(location: string, problem: Problem): { message: string; path: string } {
  return { message: formatProblem(location, problem.detail), path: problem.path };
}

function cellLocation(cell: unknown, index: number): string {
  const id =
    isObject(cell) && typeof cell.id === "string" && cell.id !== "" ? ` (id ${cell.id})` : "";
  return `cell ${index + 1}${id}`;
}

function cellProblem(cell: unknown, index: number, validators: Validators) {
  const path = `/cells/${index}`;
  const location = cellLocation(cell, index);
  if (!isObject(cell)) return located(location, { path, detail: " must be an object" });
  const type = cell.cell_type;
  if (typeof type !== "string" || !CELL_TYPES.includes(type as CellType)) {
    return located(location, {
      path: `${path}/cell_type`,
      detail: typeProblem("cell_type", type, CELL_TYPES),
    });
  }
  if (type === "code" && Array.isArray(cell.outputs)) {
    for (const [outputIndex, output] of cell.outputs.entries()) {
      const problem = outputProblem(output, `${path}/outputs/${outputIndex}`, validators);
      if (problem) return located(`${location}, output ${outputIndex + 1}`, problem);
    }
  }
  const validate = validators.part(`${type}_cell` as Part);
  if (validate(cell)) return undefined;
  return located(location, describeErrors(validate.errors ?? [], path));
}

function outputProblem(output: unknown, path: string, validators: Validators): Problem | undefined {
  if (!isObject(output)) return { path, detail: " must be an object" };
  const type = output.output_type;
  if (typeof type !== "string" || !OUTPUT_TYPES.includes(type)) {
    return { path: `${path}/output_type`, detail: typeProblem("output_type", type, OUTPUT_TYPES) };
  }
  const validate = validators.part(type as Part);
  return validate(output) ? undefined : describeErrors(validate.errors ?? [], path);
}

function typeProblem(field: string, value: unknown, allowed: readonly string[]): string {
  if (value === undefined) return `'${field}' is missing`;
  const shown = typeof value === "string" && value.length <= 40 ? `'${value}'` : "not a known type";
  return `'${field}' is ${shown}; it must be one of ${allowed.join(", ")}`;
}

/** nbformat also requires cell ids to be unique, which a schema cannot say. */
function duplicateIdProblem(document: unknown): { message: string; path: string } | undefined {
  if (!isObject(document) || !Array.isArray(document.cells)) return undefined;
  const seen = new Map<string, number>();
  for (const [index, cell] of document.cells.entries()) {
    const id = isObject(cell) ? cell.id : undefined;
    if (typeof id !== "string") continue;
    const first = seen.get(id);
    if (first !== undefined) {
      return {
        message: `cell ${index + 1} has the id '${id}', which cell ${first + 1} already uses`,
        path: `/cells/${index}/id`,
      };
    }
    seen.set(id, index);
  }
  return undefined;
}
