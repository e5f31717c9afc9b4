// The operation schema: one zod schema per tool, exactly the shapes in contract.ts. The same schemas
// validate what the model sent (strictly: unknown fields are errors) and produce the JSON schemas
// the model sees as function tools (strict-mode friendly: every field required, null where unused).

import { z } from "zod";
import type { Operation, OperationName } from "../contract.js";

const id = z.string();
const why = z.string().describe("One short sentence for the user: why this operation.");
/** An existing cell id, a ref named earlier in the same answer, "top", or null for the end. */
const anchor = z
  .string()
  .nullable()
  .describe('An existing cell id, a ref from earlier in this answer, "top", or null for the end.');

export const OP_SCHEMAS = {
  add_cell: z
    .strictObject({
      after_cell_id: anchor,
      cell_type: z.enum(["code", "markdown"]),
      source: z.string(),
      ref: z
        .string()
        .nullable()
        .describe("A name for the new cell so later operations in this answer can point at it."),
      why,
    })
    .describe("Insert a new cell."),
  edit_cell: z
    .strictObject({ cell_id: id, source: z.string().describe("The whole new source."), why })
    .describe("Replace a cell's whole source."),
  replace_in_cell: z
    .strictObject({
      cell_id: id,
      old: z.string().describe("Text that occurs exactly once in the cell."),
      new: z.string(),
      why,
    })
    .describe("Replace one exact occurrence of text inside a cell."),
  delete_cell: z.strictObject({ cell_id: id, why }).describe("Delete a cell."),
  move_cell: z
    .strictObject({ cell_id: id, after_cell_id: anchor, why })
    .describe("Move a cell after another one."),
  exec_cell: z
    .strictObject({ cell_id: id, why })
    .describe("Run a code cell (after the user accepts). Its result comes back to you."),
  read_cell: z
    .strictObject({ cell_id: id })
    .describe("Read a cell's full source and outputs. Answered at once, without the user."),
} satisfies Record<OperationName, z.ZodType>;

export const OPERATION_NAMES = Object.keys(OP_SCHEMAS) as OperationName[];

export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(OP_SCHEMAS, name);
}

export type ValidatedOp = { ok: true; op: Operation } | { ok: false; message: string };

/** Checks one operation's fields (without the "op" key) against its schema. */
export function validateOp(name: string, args: unknown): ValidatedOp {
  if (!isOperationName(name)) {
    return { ok: false, message: `"${name}" is not an operation (${OPERATION_NAMES.join(", ")}).` };
  }
  const parsed = OP_SCHEMAS[name].safeParse(args);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((issue) => `${issue.path.join(".") || "arguments"}: ${issue.message}`)
      .join("; ");
    return { ok: false, message: `${name} has invalid arguments: ${issues}.` };
  }
  return { ok: true, op: { op: name, ...parsed.data } as Operation };
}

/** The tools as the chat completions API takes them. */
export function toolDefinitions() {
  return OPERATION_NAMES.map((name) => {
    const schema = OP_SCHEMAS[name];
    const {
      $schema: _drop,
      description,
      ...parameters
    } = z.toJSONSchema(schema, {
      target: "draft-7",
    }) as Record<string, unknown>;
    return {
      type: "function" as const,
      function: { name, description: String(description ?? ""), strict: true, parameters },
    };
  });
}
