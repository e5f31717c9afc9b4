import { readFileSync } from "node:fs";
import AjvDraft04 from "ajv-draft-04";
import { describe, expect, it } from "vitest";
import { parseJson } from "../../../src/notebook/json-parse.js";
import {
  AJV_OPTIONS,
  GENERATED_PATH,
  relaxAdditionalProperties,
  SCHEMA_PATH,
  schemaHash,
} from "../../../src/notebook/schema/generate-validator.js";
import * as generated from "../../../src/notebook/schema/nbformat-validator.generated.js";
import type { Notebook } from "../../../src/notebook/types.js";
import { validateNotebook } from "../../../src/notebook/validate.js";
import { CORPUS, corpusNotebooks, readCorpus } from "./helpers.js";

function notebook(cells: unknown[], extra: Record<string, unknown> = {}): Notebook {
  return { nbformat: 4, nbformat_minor: 5, metadata: {}, cells, ...extra } as Notebook;
}
const code = (fields: Record<string, unknown> = {}) => ({
  id: "ab12cd34",
  cell_type: "code",
  metadata: {},
  source: "",
  execution_count: null,
  outputs: [],
  ...fields,
});
function messageFor(nb: Notebook): string {
  const result = validateNotebook(nb);
  if (result.valid) throw new Error("valid");
  return result.message;
}

describe("the generated validator", () => {
  const schemaText = readFileSync(SCHEMA_PATH, "utf8");

  it("was generated from the schema as it is now (run generate-validator.ts after changing it)", () => {
    expect(readFileSync(GENERATED_PATH, "utf8")).toContain(
      `// schema sha256: ${schemaHash(schemaText)}`,
    );
    const official = readFileSync(`${CORPUS}/nbformat/nbformat.v4.5.schema.json`, "utf8");
    expect(JSON.parse(schemaText)).toEqual(JSON.parse(official));
  });

  it("needs no ajv at run time", () => {
    expect(readFileSync(GENERATED_PATH, "utf8")).not.toMatch(/^\s*import |require\(/m);
  });

  it("agrees with ajv compiling the official schema, on the corpus and on broken variants", () => {
    const ajv = new AjvDraft04.default({ ...AJV_OPTIONS });
    const schema = JSON.parse(schemaText);
    const strict = ajv.compile(schema);
    const relaxed = new AjvDraft04.default({ ...AJV_OPTIONS }).compile(
      relaxAdditionalProperties(schema) as object,
    );
    const documents: unknown[] = [];
    for (const name of corpusNotebooks()) {
      const document = parseJson(readCorpus(name)) as Record<string, unknown>;
      documents.push(document, { ...document, nbformat_minor: 5 }, { ...document, extra: 1 });
    }
    let validCount = 0;
    for (const document of documents) {
      const expected = strict(document);
      if (expected) validCount++;
      expect(generated.validateNotebook(document)).toBe(expected);
      expect(generated.validateRelaxedNotebook(document)).toBe(relaxed(document));
    }
    expect(validCount).toBeGreaterThan(3);
    expect(validCount).toBeLessThan(documents.length);
  });
});

describe("validateNotebook gives one readable message", () => {
  it.each([
    [
      "a missing output field",
      notebook([code({ outputs: [{ output_type: "stream", text: "x" }] })]),
      "cell 1 (id ab12cd34), output 1: 'name' is missing",
    ],
    [
      "a wrong type deep in an output",
      notebook([
        code({
          outputs: [{ output_type: "display_data", data: { "text/plain": 5 }, metadata: {} }],
        }),
      ]),
      "cell 1 (id ab12cd34), output 1: 'data['text/plain']' must be a string or a list of strings",
    ],
    [
      "an unknown output type",
      notebook([code({ outputs: [{ output_type: "pyout" }] })]),
      "cell 1 (id ab12cd34), output 1: 'output_type' is 'pyout'; it must be one of execute_result, display_data, stream, error",
    ],
    [
      "an unknown cell type",
      notebook([{ id: "h1", cell_type: "heading", metadata: {}, source: "" }]),
      "cell 1 (id h1): 'cell_type' is 'heading'; it must be one of code, markdown, raw",
    ],
    [
      "a property the cell type does not allow",
      notebook([
        code(),
        { id: "m1", cell_type: "markdown", metadata: {}, source: "", outputs: [] },
      ]),
      "cell 2 (id m1): 'outputs' is not allowed here",
    ],
    [
      "a bad tag",
      notebook([code({ metadata: { tags: ["ok", "a,b"] } })]),
      "cell 1 (id ab12cd34): 'metadata.tags[1]' must not be empty or contain a comma",
    ],
    [
      "repeated tags",
      notebook([code({ metadata: { tags: ["a", "a"] } })]),
      "cell 1 (id ab12cd34): 'metadata.tags' must not repeat an item (items 1 and 2 are equal)",
    ],
    [
      "an invalid id",
      notebook([code({ id: "no spaces" })]),
      "cell 1 (id no spaces): 'id' must contain only letters, digits, '-' and '_'",
    ],
    [
      "a negative execution count",
      notebook([code({ execution_count: -1 })]),
      "cell 1 (id ab12cd34): 'execution_count' must be >= 0",
    ],
    [
      "a scrolled value outside the enum",
      notebook([code({ metadata: { scrolled: "yes" } })]),
      "cell 1 (id ab12cd34): 'metadata.scrolled' must be one of true, false, auto",
    ],
    ["a cell that is not an object", notebook([code(), 5]), "cell 2 must be an object"],
    [
      "bad notebook metadata",
      notebook([], { metadata: { kernelspec: { display_name: "x" } } }),
      "'metadata.kernelspec.name' is missing",
    ],
    ["an old minor version", notebook([], { nbformat_minor: 4 }), "'nbformat_minor' must be >= 5"],
    [
      "a missing field",
      { nbformat: 4, nbformat_minor: 5, metadata: {} } as unknown as Notebook,
      "'cells' is missing",
    ],
    [
      "an unknown top-level property",
      notebook([], { worksheets: [] }),
      "'worksheets' is not allowed here",
    ],
    [
      "a duplicate id",
      notebook([code(), code({ id: "x" }), code()]),
      "cell 3 has the id 'ab12cd34', which cell 1 already uses",
    ],
  ])("%s", (_, nb, expected) => {
    expect(messageFor(nb)).toBe(expected);
  });

  it("points at the offending value", () => {
    const result = validateNotebook(
      notebook([
        code(),
        code({ id: "b", outputs: [{ output_type: "stream", name: 1, text: "" }] }),
      ]),
    );
    expect(result).toEqual({
      valid: false,
      message: "cell 2 (id b), output 1: 'name' must be a string",
      path: "/cells/1/outputs/0/name",
    });
  });

  it("ignores in-memory display ids, which are never saved", () => {
    const output = {
      output_type: "display_data",
      data: {},
      metadata: {},
      transient: { display_id: "d" },
    };
    expect(validateNotebook(notebook([code({ outputs: [output] })]))).toEqual({ valid: true });
  });

  it("allows unknown properties in notebooks of a newer minor version, as nbformat does", () => {
    const future = notebook([{ ...code(), extra: 1 }], { nbformat_minor: 6, extra: true });
    expect(validateNotebook(future)).toEqual({ valid: true });
    expect(messageFor({ ...future, nbformat_minor: 5 })).toBe("'extra' is not allowed here");
  });
});
