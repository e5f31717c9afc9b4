import { describe, expect, it } from "vitest";
import { parseEnvelope } from "../../../src/ai/ops/envelope.js";
import { readJson } from "../../../src/ai/ops/lenient-json.js";
import { toolDefinitions, validateOp } from "../../../src/ai/ops/schema.js";

describe("tool definitions", () => {
  it("are strict-mode friendly: every field required, no extra fields, nullable as a type", () => {
    for (const tool of toolDefinitions()) {
      const parameters = tool.function.parameters as {
        properties: Record<string, { type: unknown }>;
        required: string[];
        additionalProperties: boolean;
      };
      expect(tool.function.strict).toBe(true);
      expect(parameters.additionalProperties).toBe(false);
      expect([...parameters.required].sort()).toEqual(Object.keys(parameters.properties).sort());
      expect(JSON.stringify(parameters)).not.toContain('"$schema"');
    }
    const add = toolDefinitions().find((tool) => tool.function.name === "add_cell");
    const props = (add?.function.parameters ?? {}) as { properties: Record<string, unknown> };
    expect(JSON.stringify(props.properties.after_cell_id)).toMatch(/"type":"null"|"null"\]/);
    expect(Object.keys(props.properties)).toEqual([
      "after_cell_id",
      "cell_type",
      "source",
      "ref",
      "why",
    ]);
  });
});

describe("validateOp", () => {
  it("accepts the contract's shapes", () => {
    expect(validateOp("exec_cell", { cell_id: "a", why: "run" })).toEqual({
      ok: true,
      op: { op: "exec_cell", cell_id: "a", why: "run" },
    });
  });

  it("rejects unknown operations, missing fields, extra fields and wrong types, saying which", () => {
    const unknown = validateOp("run_everything", {});
    expect(unknown.ok).toBe(false);
    const missing = validateOp("add_cell", { cell_type: "code", source: "", why: "" });
    expect(missing).toMatchObject({ ok: false });
    expect(!missing.ok && missing.message).toContain("after_cell_id");
    const extra = validateOp("delete_cell", { cell_id: "a", why: "w", force: true });
    expect(!extra.ok && extra.message).toContain("force");
    const type = validateOp("add_cell", {
      after_cell_id: null,
      cell_type: "raw",
      source: "",
      ref: null,
      why: "",
    });
    expect(!type.ok && type.message).toContain("cell_type");
  });
});

describe("lenient JSON", () => {
  it("reads fenced, prose-wrapped and empty arguments; reports broken ones", () => {
    expect(readJson('```json\n{"a": 1}\n```')).toEqual({ ok: true, value: { a: 1 } });
    expect(readJson('Here: {"a": 1} done')).toEqual({ ok: true, value: { a: 1 } });
    expect(readJson("")).toEqual({ ok: true, value: {} });
    expect(readJson('{"a": ').ok).toBe(false);
  });
});

describe("parseEnvelope", () => {
  it("takes the last fenced json block and the prose around it", () => {
    const envelope = parseEnvelope(
      'Fixing.\n```json\n{"ops": [{"op": "exec_cell", "cell_id": "a", "why": "w"}]}\n```',
      true,
      "k",
    );
    expect(envelope.message).toBe("Fixing.");
    expect(envelope.calls).toEqual([
      { id: "k1", name: "exec_cell", arguments: '{"cell_id":"a","why":"w"}' },
    ]);
  });

  it("treats text without a block as a plain answer and bad JSON as a problem", () => {
    expect(parseEnvelope("Just an answer.", true, "k")).toEqual({
      message: "Just an answer.",
      calls: [],
      problem: null,
    });
    expect(parseEnvelope("{nope", false, "k").problem).toContain("not valid JSON");
  });
});
