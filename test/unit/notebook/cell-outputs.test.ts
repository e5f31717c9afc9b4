// The cap on one cell's output: past it, the first and the last half stay, with a note between.

import { describe, expect, it } from "vitest";
import { CellOutputs, formatSize } from "../../../src/notebook/cell-outputs.js";
import type { Output } from "../../../src/notebook/types.js";

const out = (name: "stdout" | "stderr", text: string): Output => ({
  output_type: "stream",
  name,
  text,
});
const textOf = (output: Output | undefined) =>
  output?.output_type === "stream" ? (output.text as string) : "";
/** The outputs as a reader sees them: consecutive outputs of one stream read as one. */
function merged(outputs: Output[]): Output[] {
  const result: Output[] = [];
  for (const output of outputs) {
    const last = result.at(-1);
    if (
      output.output_type === "stream" &&
      last?.output_type === "stream" &&
      last.name === output.name
    )
      result[result.length - 1] = { ...last, text: textOf(last) + textOf(output) };
    else result.push(output);
  }
  return result;
}

describe("CellOutputs", () => {
  it("keeps everything up to the limit, merging a stream's chunks", () => {
    const cell = new CellOutputs(1000);
    for (let i = 0; i < 10; i++) cell.add(out("stdout", `line ${i}\n`));
    expect(cell.outputs()).toHaveLength(1);
    expect(textOf(cell.outputs()[0])).toBe(
      Array.from({ length: 10 }, (_, i) => `line ${i}\n`).join(""),
    );
    expect(cell.truncation).toBeUndefined();
  });

  it("past the limit keeps whole first and last lines, and says how much it dropped", () => {
    const limit = 64 * 1024;
    const cell = new CellOutputs(limit);
    const lines = 100_000;
    let total = 0;
    for (let i = 0; i < lines; i++) {
      const line = `line ${i}\n`;
      total += line.length;
      cell.add(out("stdout", line));
    }
    const outputs = merged(cell.outputs());
    expect(outputs).toHaveLength(1);
    const text = textOf(outputs[0]);
    const note =
      /\[oprel: (.+) of output dropped here\. A cell keeps at most 64 kB of output: the first 32 kB and the last 32 kB\.\]\n/;
    const [before = "", after = ""] = text.split(note.exec(text)?.[0] ?? "\u0000");
    expect(before.startsWith("line 0\nline 1\n")).toBe(true);
    expect(after.endsWith(`line ${lines - 1}\n`)).toBe(true);
    // Whole lines on both sides of the note.
    expect(before.endsWith("\n")).toBe(true);
    expect(/^line \d+\n/.test(after)).toBe(true);
    expect(before.length + after.length).toBeLessThanOrEqual(limit);
    expect(before.length + after.length).toBeGreaterThan(limit - 2 * 4096);
    const dropped = cell.truncation?.dropped ?? 0;
    expect(dropped).toBe(total - before.length - after.length);
    expect(text).toContain(`[oprel: ${formatSize(dropped)} of output dropped here.`);
  });

  it("keeps the order of streams and displays on both sides of the note", () => {
    const cell = new CellOutputs(2048);
    const display: Output = {
      output_type: "display_data",
      data: { "text/plain": "picture" },
      metadata: {},
    };
    cell.add(out("stderr", "start\n"));
    cell.add(display);
    for (let i = 0; i < 500; i++) cell.add(out("stdout", `${i}\n`.padStart(20, ".")));
    cell.add(display);
    cell.add(out("stderr", "end\n"));
    const outputs = merged(cell.outputs());
    const kinds = outputs.map((o) => (o.output_type === "stream" ? o.name : o.output_type));
    expect(kinds).toEqual(["stderr", "display_data", "stdout", "display_data", "stderr"]);
    expect(textOf(outputs[2])).toContain("of output dropped here");
    expect(textOf(outputs[4])).toBe("end\n");
    cell.clear();
    expect(cell.outputs()).toEqual([]);
    expect(cell.truncation).toBeUndefined();
  });

  it("never splits a character made of two UTF-16 units", () => {
    const cell = new CellOutputs(1024);
    for (let i = 0; i < 2000; i++) cell.add(out("stdout", "😀"));
    const text = textOf(merged(cell.outputs())[0]);
    expect(text.replace(/\n?\[oprel:[^\]]*\]\n/, "")).toMatch(/^(😀)+$/u);
  });
});
