import { describe, expect, it } from "vitest";
import {
  highlightLanguage,
  highlightLines,
  type LineStyles,
} from "../../../../src/ui/editor/highlight.js";
import { layoutEditor } from "../../../../src/ui/editor/layout.js";
import { createTextBuffer } from "../../../../src/ui/editor/text-buffer.js";
import { lastSgr } from "./sgr-text.js";

const STRING = "32";

/** The text of each run with its colour, for one line. */
function coloured(line: string, styles: LineStyles | undefined): [string, string][] {
  return (styles ?? []).map((run) => [line.slice(run.start, run.end), run.sgr]);
}

describe("syntax highlighting", () => {
  it("colours Python tokens by line", () => {
    const lines = ["def f(x):", "    return None  # done"];
    const styles = highlightLines(lines, "python");
    expect(coloured(lines[0] as string, styles[0])).toEqual([
      ["def", "35"],
      ["f", "34"],
    ]);
    expect(coloured(lines[1] as string, styles[1])).toEqual([
      ["return", "35"],
      ["None", "34"],
      ["# done", "90"],
    ]);
  });

  it("keeps a multi-line string's colour on its lines and off the lines after it", () => {
    const lines = ['s = """one', "two # not a comment", 'three"""', "x = 1"];
    const styles = highlightLines(lines, "python");
    expect(coloured(lines[1] as string, styles[1])).toEqual([["two # not a comment", STRING]]);
    expect(coloured(lines[2] as string, styles[2])).toEqual([['three"""', STRING]]);
    expect(coloured(lines[3] as string, styles[3])).toEqual([["1", "33"]]);
    // Asked for a window that starts inside the string, it still knows it is in one.
    expect(highlightLines(lines, "python", 1, 3)).toEqual(styles.slice(1, 3));
  });

  it("every drawn line switches its colour off at its end", () => {
    const source = 's = """one\ntwo\nthree"""\nx = 1';
    for (const line of layoutEditor(createTextBuffer(source), { width: 40, cursor: false }).lines) {
      const last = lastSgr(line);
      if (last !== undefined) expect(last).toBe("0");
    }
  });

  it("an unclosed string in a long cell is still coloured far below its start", () => {
    const lines = ['doc = """', ...Array.from({ length: 1_000 }, (_, i) => `def not_code_${i}():`)];
    const deep = highlightLines(lines, "python", 700, 701);
    expect(coloured(lines[700] as string, deep[0])).toEqual([["def not_code_699():", STRING]]);
  });

  it("a long cell without strings is highlighted one line at a time, right at any window", () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `import m${i}`);
    const styles = highlightLines(lines, "python", 9_990, 10_000);
    expect(styles.length).toBe(10);
    expect(coloured(lines[9_995] as string, styles[5])).toEqual([["import", "35"]]);
  });

  it("colours Markdown headings, emphasis and fenced code", () => {
    const lines = ["# Title", "some *em* text", "```python", "# not a heading", "```"];
    const styles = highlightLines(lines, "markdown");
    expect(coloured(lines[0] as string, styles[0])).toEqual([["# Title", "1;34"]]);
    expect(coloured(lines[1] as string, styles[1])).toEqual([["*em*", "3"]]);
    expect(coloured(lines[3] as string, styles[3])).toEqual([["# not a heading", STRING]]);
  });

  it("plain and unknown languages get no colour; known ones map by name", () => {
    expect(highlightLines(["def f(): pass"], "plain")).toEqual([[]]);
    expect(highlightLanguage("no-such-language")).toBeNull();
    expect(highlightLanguage(undefined)).toBe("python");
    expect(highlightLanguage("R")).toBe("r");
  });

  it("control characters in the source cannot forge the highlighter's markers", () => {
    const line = 'x = "\u000ekeyword\u000f\u001b[31m" + 1';
    const [styles] = highlightLines([line], "python");
    expect(coloured(line, styles)).toEqual([
      ['"\u000ekeyword\u000f\u001b[31m"', STRING],
      ["1", "33"],
    ]);
  });
});
