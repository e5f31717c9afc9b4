import { describe, expect, it } from "vitest";
import { sanitize } from "../../../../src/terminal/sanitize.js";
import { LineStore } from "../../../../src/ui/output/line-store.js";

const ESC = "\u001b";

describe("LineStore", () => {
  it("keeps lines as Jupyter shows them: a final newline opens no extra line", () => {
    const store = LineStore.fromText("a\nb\n");
    expect(store.lineCount).toBe(2);
    expect(store.slice(0, 10)).toEqual(["a", "b"]);
    store.append("\n");
    expect(store.slice(0, 10)).toEqual(["a", "b", ""]);
  });

  it("rewrites the last line in place for a progress bar, across appends", () => {
    const store = new LineStore();
    store.append("start\n 10%|#");
    const before = store.version;
    store.append("   |\r 60%|###");
    store.append(" |");
    expect(store.version).toBeGreaterThan(before);
    expect(store.slice(0, 2)).toEqual(["start", " 60%|### |"]);
    store.append("\r100%|####|\ndone\n");
    expect(store.slice(0, 5)).toEqual(["start", "100%|####|", "done"]);
  });

  it("stores many lines across chunks and slices any range of them", () => {
    const store = new LineStore();
    for (let i = 0; i < 2500; i++) store.append(`line ${i}\n`);
    expect(store.lineCount).toBe(2500);
    expect(store.slice(998, 1002)).toEqual(["line 998", "line 999", "line 1000", "line 1001"]);
    expect(store.slice(2498, 9999)).toEqual(["line 2498", "line 2499"]);
    expect(store.slice(-5, 1)).toEqual(["line 0"]);
  });

  it("matches the whole-text sanitizer line for line", () => {
    const text = `${ESC}]0;t${ESC}\\x\r\ny${ESC}[2Jz\b\bw\n😀 ${ESC}[31mred${ESC}[0m`;
    const store = new LineStore();
    for (const ch of text) store.append(ch);
    store.end();
    expect(store.slice(0, 99).join("\n")).toBe(sanitize(text, { keepColour: true }));
  });

  it("carries colour left on at a line end into the following lines", () => {
    const store = LineStore.fromText(`${ESC}[31mred\nstill red\n${ESC}[0mplain\n`);
    expect(store.slice(0, 3)).toEqual([
      `${ESC}[31mred`,
      `${ESC}[31mstill red`,
      `${ESC}[31m${ESC}[0mplain`,
    ]);
  });

  it("keeps no colour at all when asked", () => {
    expect(LineStore.fromText(`${ESC}[31mred`, { keepColour: false }).slice(0, 1)).toEqual(["red"]);
  });
});
