import { describe, expect, it } from "vitest";
import {
  bufferText,
  createTextBuffer,
  type Position,
  selectedText,
  type TextBufferAction,
  type TextBufferState,
  textBufferReducer,
} from "../../../../src/ui/editor/text-buffer.js";

function run(state: TextBufferState, ...actions: TextBufferAction[]): TextBufferState {
  return actions.reduce(textBufferReducer, state);
}

function type(state: TextBufferState, text: string): TextBufferState {
  let next = state;
  for (const ch of text) {
    next = textBufferReducer(
      next,
      ch === "\n" ? { type: "newline" } : { type: "insert", text: ch },
    );
  }
  return next;
}

function at(text: string, position: Position): TextBufferState {
  return run(createTextBuffer(text), { type: "moveTo", position });
}

/** The text with a "|" where the cursor is. */
function show(state: TextBufferState): string {
  const lines = state.lines.slice();
  const { row, col } = state.cursor;
  lines[row] = `${lines[row]?.slice(0, col)}|${lines[row]?.slice(col)}`;
  return lines.join("\n");
}

describe("text buffer: typing and lines", () => {
  it("starts with the cursor at the top and round-trips the text", () => {
    const state = createTextBuffer("a\nb\n");
    expect(state.lines).toEqual(["a", "b", ""]);
    expect(state.cursor).toEqual({ row: 0, col: 0 });
    expect(bufferText(state)).toBe("a\nb\n");
  });

  it("normalises CR LF and lone CR to line breaks", () => {
    expect(createTextBuffer("a\r\nb\rc").lines).toEqual(["a", "b", "c"]);
    expect(run(createTextBuffer(), { type: "paste", text: "x\r\ny" }).lines).toEqual(["x", "y"]);
  });

  it("inserts at the cursor and bumps the revision", () => {
    const state = type(at("ad", { row: 0, col: 1 }), "bc");
    expect(show(state)).toBe("abc|d");
    expect(state.revision).toBe(2);
  });

  it("replaces the selection when typing", () => {
    const state = run(
      at("hello world", { row: 0, col: 0 }),
      { type: "move", motion: "wordRight", select: true },
      { type: "insert", text: "bye" },
    );
    expect(show(state)).toBe("bye| world");
    expect(state.anchor).toBeNull();
  });
});

describe("text buffer: auto-indent", () => {
  it("keeps the indent and adds a level after a colon", () => {
    const state = type(createTextBuffer(), "def f(x):\nif x:\nreturn 1\n");
    expect(show(state)).toBe("def f(x):\n    if x:\n        return 1\n    |");
  });

  it("ignores a comment after the colon and keeps indent in 'keep' mode", () => {
    expect(show(type(createTextBuffer(), "for i in x:  # loop\n"))).toBe(
      "for i in x:  # loop\n    |",
    );
    const md = run(at("  - item:", { row: 0, col: 9 }), { type: "newline", autoIndent: "keep" });
    expect(show(md)).toBe("  - item:\n  |");
  });

  it("indents a continuation after an opening bracket", () => {
    expect(show(type(createTextBuffer(), "x = f(\na,"))).toBe("x = f(\n    a,|");
    expect(show(type(createTextBuffer(), "d = {\n"))).toBe("d = {\n    |");
  });

  it("leaves no trailing spaces on a line that held only indentation", () => {
    const state = run(at("    ", { row: 0, col: 4 }), { type: "newline" });
    expect(state.lines).toEqual(["", "    "]);
  });
});

describe("text buffer: deletion", () => {
  it("backspace in leading spaces goes back one indent level", () => {
    expect(show(run(at("      x", { row: 0, col: 6 }), { type: "backspace" }))).toBe("    |x");
    expect(show(run(at("        x", { row: 0, col: 8 }), { type: "backspace" }))).toBe("    |x");
    expect(show(run(at("  ab", { row: 0, col: 4 }), { type: "backspace" }))).toBe("  a|");
  });

  it("backspace at column 0 joins with the line above; at the start does nothing", () => {
    expect(show(run(at("ab\ncd", { row: 1, col: 0 }), { type: "backspace" }))).toBe("ab|cd");
    const start = createTextBuffer("x");
    expect(run(start, { type: "backspace" })).toBe(start);
  });

  it("deletes whole grapheme clusters: emoji with joiners and combining marks", () => {
    const family = "👩‍👩‍👧";
    const text = `a${family}e\u0301`;
    const end = at(text, { row: 0, col: text.length });
    expect(show(run(end, { type: "backspace" }))).toBe(`a${family}|`);
    expect(show(run(end, { type: "backspace" }, { type: "backspace" }))).toBe("a|");
    expect(show(run(at(text, { row: 0, col: 1 }), { type: "delete" }))).toBe("a|e\u0301");
  });

  it("delete at the end of a line joins the next one", () => {
    expect(show(run(at("ab\ncd", { row: 0, col: 2 }), { type: "delete" }))).toBe("ab|cd");
  });

  it("deleteWordBack removes the word before the cursor, then the spaces and word before", () => {
    const state = at("foo.bar baz  ", { row: 0, col: 13 });
    expect(show(run(state, { type: "deleteWordBack" }))).toBe("foo.bar |");
    expect(show(run(state, { type: "deleteWordBack" }, { type: "deleteWordBack" }))).toBe("foo.|");
  });

  it("backspace and delete remove the selection", () => {
    const selected = run(at("abcdef", { row: 0, col: 1 }), {
      type: "moveTo",
      position: { row: 0, col: 4 },
      select: true,
    });
    expect(selectedText(selected)).toBe("bcd");
    expect(show(run(selected, { type: "backspace" }))).toBe("a|ef");
    expect(show(run(selected, { type: "delete" }))).toBe("a|ef");
  });
});

describe("text buffer: movement", () => {
  it("left and right step over grapheme clusters and wrap across lines", () => {
    const family = "👩‍👩‍👧";
    let state = at(`x${family}\ny`, { row: 0, col: 1 });
    state = run(state, { type: "move", motion: "right" });
    expect(state.cursor).toEqual({ row: 0, col: 1 + family.length });
    state = run(state, { type: "move", motion: "right" });
    expect(state.cursor).toEqual({ row: 1, col: 0 });
    state = run(state, { type: "move", motion: "left" }, { type: "move", motion: "left" });
    expect(state.cursor).toEqual({ row: 0, col: 1 });
  });

  it("moveTo snaps a position inside a cluster to its end", () => {
    expect(at("e\u0301x", { row: 0, col: 1 }).cursor).toEqual({ row: 0, col: 2 });
    expect(at("ab", { row: 9, col: 9 }).cursor).toEqual({ row: 0, col: 2 });
  });

  it("up and down keep the display column across short lines and wide characters", () => {
    let state = at("abcdef\nx\n中文字", { row: 0, col: 4 });
    state = run(state, { type: "move", motion: "down" });
    expect(state.cursor).toEqual({ row: 1, col: 1 });
    state = run(state, { type: "move", motion: "down" });
    // Column 4 falls after the second wide character.
    expect(state.cursor).toEqual({ row: 2, col: 2 });
    state = run(state, { type: "move", motion: "up" }, { type: "move", motion: "up" });
    expect(state.cursor).toEqual({ row: 0, col: 4 });
  });

  it("up on the first line goes to its start, down on the last to its end", () => {
    expect(run(at("ab\ncd", { row: 0, col: 1 }), { type: "move", motion: "up" }).cursor).toEqual({
      row: 0,
      col: 0,
    });
    const down = run(at("ab\ncd", { row: 1, col: 1 }), { type: "move", motion: "down" });
    expect(down.cursor).toEqual({ row: 1, col: 2 });
  });

  it("word movement stops at word and punctuation edges", () => {
    let state = at("x = foo.bar(1)", { row: 0, col: 0 });
    const stops: number[] = [];
    for (let i = 0; i < 7; i++) {
      state = run(state, { type: "move", motion: "wordRight" });
      stops.push(state.cursor.col);
    }
    expect(stops).toEqual([1, 3, 7, 8, 11, 12, 13]);
    state = run(state, { type: "move", motion: "wordLeft" });
    expect(state.cursor.col).toBe(12);
  });

  it("smart home goes to the first non-space, then to column 0, then back", () => {
    let state = at("    x = 1", { row: 0, col: 7 });
    state = run(state, { type: "move", motion: "home" });
    expect(state.cursor.col).toBe(4);
    state = run(state, { type: "move", motion: "home" });
    expect(state.cursor.col).toBe(0);
    state = run(state, { type: "move", motion: "home" });
    expect(state.cursor.col).toBe(4);
    expect(run(state, { type: "move", motion: "end" }).cursor.col).toBe(9);
  });

  it("document start/end and page up/down by the given rows", () => {
    const text = Array.from({ length: 50 }, (_, i) => `line ${i}`).join("\n");
    let state = at(text, { row: 20, col: 3 });
    state = run(state, { type: "move", motion: "pageDown", rows: 12 });
    expect(state.cursor).toEqual({ row: 32, col: 3 });
    state = run(state, { type: "move", motion: "pageUp", rows: 40 });
    expect(state.cursor).toEqual({ row: 0, col: 3 });
    expect(run(state, { type: "move", motion: "docEnd" }).cursor).toEqual({ row: 49, col: 7 });
    expect(run(state, { type: "move", motion: "docStart" }).cursor).toEqual({ row: 0, col: 0 });
  });

  it("shift-movement extends a selection; plain left/right collapse it", () => {
    let state = at("abc\ndef", { row: 0, col: 1 });
    state = run(
      state,
      { type: "move", motion: "right", select: true },
      { type: "move", motion: "down", select: true },
    );
    expect(selectedText(state)).toBe("bc\nde");
    expect(run(state, { type: "move", motion: "left" }).cursor).toEqual({ row: 0, col: 1 });
    expect(run(state, { type: "move", motion: "right" }).cursor).toEqual({ row: 1, col: 2 });
    expect(run(state, { type: "move", motion: "down" }).anchor).toBeNull();
  });

  it("selectAll selects everything", () => {
    expect(selectedText(run(createTextBuffer("a\nb"), { type: "selectAll" }))).toBe("a\nb");
  });
});

describe("text buffer: indentation", () => {
  it("indents and dedents the cursor's line, moving the cursor with it", () => {
    const state = run(at("x = 1", { row: 0, col: 2 }), { type: "indent" });
    expect(show(state)).toBe("    x |= 1");
    expect(show(run(state, { type: "dedent" }))).toBe("x |= 1");
    expect(run(at("x", { row: 0, col: 0 }), { type: "dedent" }).revision).toBe(0);
  });

  it("indents every selected line but not a last line selected only at column 0", () => {
    const state = run(
      at("a\n\nb\nc", { row: 0, col: 0 }),
      { type: "moveTo", position: { row: 3, col: 0 }, select: true },
      { type: "indent" },
    );
    expect(state.lines).toEqual(["    a", "", "    b", "c"]);
    expect(selectedText(state)).toBe("    a\n\n    b\n");
    expect(run(state, { type: "dedent" }).lines).toEqual(["a", "", "b", "c"]);
  });

  it("tab with a selection indents the selected lines", () => {
    const state = run(
      at("abc", { row: 0, col: 1 }),
      { type: "move", motion: "right", select: true },
      { type: "tab" },
    );
    expect(state.lines).toEqual(["    abc"]);
    expect(selectedText(state)).toBe("b");
  });

  it("tab inserts spaces up to the next indent stop", () => {
    expect(show(run(at("  x", { row: 0, col: 2 }), { type: "tab" }))).toBe("    |x");
    expect(show(run(at("", { row: 0, col: 0 }), { type: "tab" }))).toBe("    |");
  });
});

describe("text buffer: paste", () => {
  it("pastes 10,000 lines as one edit and one undo step", () => {
    const text = Array.from({ length: 10_000 }, (_, i) => `row = ${i}`).join("\n");
    const before = at("head()\ntail()", { row: 0, col: 5 });
    const pasted = run(before, { type: "paste", text });
    expect(pasted.lines.length).toBe(10_001);
    expect(pasted.lines[0]).toBe("head(row = 0");
    expect(pasted.lines[9_999]).toBe("row = 9999)");
    expect(pasted.lines[10_000]).toBe("tail()");
    expect(pasted.cursor).toEqual({ row: 9_999, col: 9 + 1 });
    expect(pasted.undoStack.length).toBe(1);
    const undone = run(pasted, { type: "undo" });
    expect(bufferText(undone)).toBe("head()\ntail()");
    expect(undone.cursor).toEqual({ row: 0, col: 5 });
  });

  it("a paste does not indent its lines even after a colon", () => {
    const state = run(at("if x:", { row: 0, col: 5 }), { type: "paste", text: "\ny = 1" });
    expect(state.lines).toEqual(["if x:", "y = 1"]);
  });
});

describe("text buffer: undo and redo", () => {
  it("coalesces a run of letters into one step; spaces and punctuation break it", () => {
    let state = type(createTextBuffer(), "hello world.x");
    const texts: string[] = [];
    while (state.undoStack.length) {
      state = run(state, { type: "undo" });
      texts.push(bufferText(state));
    }
    expect(texts).toEqual(["hello world.", "hello world", "hello ", "hello", ""]);
  });

  it("movement breaks a word into two steps", () => {
    let state = type(createTextBuffer(), "ab");
    state = run(state, { type: "move", motion: "left" }, { type: "move", motion: "right" });
    state = type(state, "cd");
    expect(bufferText(run(state, { type: "undo" }))).toBe("ab");
  });

  it("consecutive backspaces are one step", () => {
    let state = at("abcdef", { row: 0, col: 6 });
    state = run(state, { type: "backspace" }, { type: "backspace" }, { type: "backspace" });
    expect(bufferText(state)).toBe("abc");
    expect(bufferText(run(state, { type: "undo" }))).toBe("abcdef");
  });

  it("redo reapplies, and a new edit clears the redo stack", () => {
    let state = type(createTextBuffer(), "ab cd");
    state = run(state, { type: "undo" }, { type: "undo" });
    expect(bufferText(state)).toBe("ab");
    state = run(state, { type: "redo" });
    expect(bufferText(state)).toBe("ab ");
    expect(show(state)).toBe("ab |");
    state = type(state, "x");
    expect(state.redoStack).toEqual([]);
    expect(run(state, { type: "redo" })).toBe(state);
  });

  it("undo with nothing to undo returns the same state", () => {
    const state = createTextBuffer("x");
    expect(run(state, { type: "undo" })).toBe(state);
  });

  it("an edit never mutates the state it was given", () => {
    const state = at("abc\ndef", { row: 0, col: 1 });
    const lines = state.lines.slice();
    run(state, { type: "paste", text: "1\n2" }, { type: "indent" }, { type: "newline" });
    expect(state.lines).toEqual(lines);
  });
});
