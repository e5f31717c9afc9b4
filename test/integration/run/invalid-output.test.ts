// A cell that sends an output nbformat forbids costs that output, never the notebook: oprel run
// replaces it by a note on stderr, warns, and saves everything else.

import { beforeAll, describe, expect, it } from "vitest";
import type { Notebook } from "../../../src/notebook/types.js";
import { repairOutputs } from "../../../src/run/repair-outputs.js";
import {
  codeCells,
  ensureBuilt,
  readNotebook,
  runCli,
  streamText,
  tempDir,
  writeNotebook,
} from "./helpers.js";

beforeAll(() => ensureBuilt(), 180_000);

const NOTE = "oprel: an output was dropped because it is not valid nbformat: ";

describe("oprel run: an output that is not valid nbformat", () => {
  it("replaces only that output, warns, saves the rest and keeps the exit code", async () => {
    const dir = tempDir();
    // The worker's own display path keeps bundles valid; its raw publish() does not check,
    // which stands for any message the worker cannot vet.
    const path = writeNotebook(dir, "bad.ipynb", [
      "print('before')",
      [
        "import oprel_display",
        "oprel_display.publish({'text/plain': 'bad', 'application/x-custom': {'k': 1}}, {})",
        "print('between')",
        "oprel_display.publish({'text/plain': 'meta'}, ['not a dict'])",
        "'kept'",
      ].join("\n"),
      "print('after')",
    ]);
    const run = await runCli(["run", path]);
    expect(run.exitCode).toBe(0);
    const warnings = run.stdout.split("\n").filter((line) => line.includes("warning:"));
    expect(warnings).toEqual([
      `[${path}] warning: Not valid nbformat, so replaced by a note on stderr: cell 2 (id cell-1), output 1: 'data['application/x-custom']' must be a string or a list of strings`,
      `[${path}] warning: Not valid nbformat, so replaced by a note on stderr: cell 2 (id cell-1), output 3: 'metadata' must be an object`,
    ]);
    const [first, second, third] = codeCells(readNotebook(path));
    expect(streamText(first)).toBe("before\n");
    expect(streamText(third)).toBe("after\n");
    expect(second?.outputs?.map((o) => [o.output_type, o.name ?? o.data?.["text/plain"]])).toEqual([
      ["stream", "stderr"],
      ["stream", "stdout"],
      ["stream", "stderr"],
      ["execute_result", ["'kept'"]],
    ]);
    expect(streamText(second)).toBe(
      `${NOTE}'data['application/x-custom']' must be a string or a list of strings\nbetween\n${NOTE}'metadata' must be an object\n`,
    );
  });
});

describe("repairOutputs", () => {
  const notebook = (outputs: unknown[], metadata: Record<string, unknown> = {}): Notebook =>
    ({
      nbformat: 4,
      nbformat_minor: 5,
      metadata,
      cells: [
        { cell_type: "markdown", id: "m", metadata: {}, source: "# title" },
        { cell_type: "code", id: "c", metadata: {}, source: "x", execution_count: 1, outputs },
      ],
    }) as unknown as Notebook;

  it("leaves a valid notebook as it is", () => {
    const valid = notebook([{ output_type: "stream", name: "stdout", text: "ok\n" }]);
    expect(repairOutputs(valid)).toEqual({ notebook: valid, dropped: [] });
  });

  it("replaces each invalid output, whatever is wrong with it", () => {
    const { notebook: repaired, dropped } = repairOutputs(
      notebook([
        { output_type: "display_data", data: { "text/plain": 5 }, metadata: {} },
        { output_type: "stream", name: "stdout", text: "kept\n" },
        { output_type: "nonsense" },
        "not an object",
      ]),
    );
    expect(dropped).toEqual([
      "cell 2 (id c), output 1: 'data['text/plain']' must be a string or a list of strings",
      "cell 2 (id c), output 3: 'output_type' is 'nonsense'; it must be one of execute_result, display_data, stream, error",
      "cell 2 (id c), output 4 must be an object",
    ]);
    const cell = repaired.cells[1];
    expect(cell?.cell_type === "code" && cell.outputs).toEqual([
      {
        output_type: "stream",
        name: "stderr",
        text: `${NOTE}'data['text/plain']' must be a string or a list of strings\n`,
      },
      { output_type: "stream", name: "stdout", text: "kept\n" },
      {
        output_type: "stream",
        name: "stderr",
        text: `${NOTE}'output_type' is 'nonsense'; it must be one of execute_result, display_data, stream, error\n`,
      },
      { output_type: "stream", name: "stderr", text: `${NOTE}must be an object\n` },
    ]);
  });

  it("does not touch outputs for a problem elsewhere; saving then reports it", () => {
    const broken = notebook(
      [{ output_type: "display_data", data: { "text/plain": 5 }, metadata: {} }],
      { kernelspec: { display_name: "no name" } },
    );
    expect(repairOutputs(broken)).toEqual({ notebook: broken, dropped: [] });
  });
});
