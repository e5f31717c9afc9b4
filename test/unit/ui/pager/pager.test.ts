import { renderToString } from "ink";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { stripSgr } from "../../../../src/terminal/sgr.js";
import { displayWidth } from "../../../../src/terminal/width.js";
import { LineStore } from "../../../../src/ui/output/line-store.js";
import { highlightMatches } from "../../../../src/ui/pager/highlight.js";
import {
  createPager,
  Pager,
  type PagerAction,
  type PagerState,
  pagerAction,
  pagerReducer,
  pagerScreen,
  searching,
  topOf,
} from "../../../../src/ui/pager/index.js";

const ESC = "\u001b";

function numbered(count: number, extra: (i: number) => string = () => ""): LineStore {
  const store = new LineStore();
  let text = "";
  for (let i = 0; i < count; i++) text += `line ${i}${extra(i)}\n`;
  store.append(text);
  return store;
}

const run = (state: PagerState, ...actions: PagerAction[]) => actions.reduce(pagerReducer, state);
const screenText = (state: PagerState) => pagerScreen(state).rows.map(stripSgr);
const footerText = (state: PagerState) => stripSgr(pagerScreen(state).footer);

describe("pager scrolling", () => {
  it("opens at the bottom and moves by rows, pages and to either end", () => {
    const pager = createPager(numbered(100), 40, 5);
    expect(screenText(pager)).toEqual(["line 95", "line 96", "line 97", "line 98", "line 99"]);
    expect(screenText(run(pager, { type: "top" }))).toEqual([
      "line 0",
      "line 1",
      "line 2",
      "line 3",
      "line 4",
    ]);
    expect(screenText(run(pager, { type: "top" }, { type: "down", rows: 3 }))[0]).toBe("line 3");
    expect(screenText(run(pager, { type: "top" }, { type: "pageDown" }))[0]).toBe("line 4");
    expect(screenText(run(pager, { type: "pageUp" }))[0]).toBe("line 91");
    expect(screenText(run(pager, { type: "down", rows: 50 }))[0]).toBe("line 95");
    expect(screenText(run(pager, { type: "top" }, { type: "up" }))[0]).toBe("line 0");
  });

  it("scrolls through a wrapped line row by row", () => {
    const store = LineStore.fromText(`short\n${"abcdefghij".repeat(3)}\nend\n`);
    const top = run(createPager(store, 10, 2), { type: "top" });
    expect(screenText(top)).toEqual(["short", "abcdefghij"]);
    expect(screenText(run(top, { type: "down" }))).toEqual(["abcdefghij", "abcdefghij"]);
    expect(screenText(run(top, { type: "down", rows: 3 }))).toEqual(["abcdefghij", "end"]);
    expect(screenText(run(top, { type: "down", rows: 3 }, { type: "up", rows: 2 }))).toEqual([
      "abcdefghij",
      "abcdefghij",
    ]);
  });

  it("follows a growing source while at the bottom, and stays put when scrolled up", () => {
    const store = numbered(10);
    const pager = createPager(store, 40, 3);
    const scrolled = run(pager, { type: "up", rows: 2 });
    store.append("line 10\nline 11\n");
    expect(screenText(pager)).toEqual(["line 9", "line 10", "line 11"]);
    expect(screenText(scrolled)).toEqual(["line 5", "line 6", "line 7"]);
  });

  it("says where it is in the footer, which fits the width", () => {
    const pager = createPager(numbered(2000), 60, 10);
    expect(footerText(pager)).toContain("lines 1991–2000 of 2,000 (100%)");
    const { footer } = pagerScreen(pager, { hints: "q closes" });
    expect(stripSgr(footer)).toContain("q closes");
    expect(displayWidth(footer)).toBe(60);
  });

  it("maps the pager commands of the key registry", () => {
    expect(pagerAction("pager.pageDown")).toEqual({ type: "pageDown" });
    expect(pagerAction("pager.next")).toEqual({ type: "next" });
    expect(pagerAction("pager.close")).toBeUndefined();
  });
});

describe("pager search", () => {
  it("finds, counts and walks matches, wrapping around at the ends", () => {
    const store = numbered(50, (i) => (i % 10 === 3 ? " needle" : ""));
    let pager = run(
      createPager(store, 80, 5),
      { type: "top" },
      { type: "search", query: "needle" },
    );
    expect(searching(pager)).toBe(false);
    expect(pager.search?.matches).toEqual([3, 13, 23, 33, 43]);
    expect(topOf(pager).line).toBe(3);
    expect(footerText(pager)).toContain("“needle” match 1 of 5");
    pager = run(pager, { type: "next" }, { type: "next" });
    expect(topOf(pager).line).toBe(23);
    pager = run(pager, { type: "prev" });
    expect(topOf(pager).line).toBe(13);
    pager = run(pager, { type: "prev" }, { type: "prev" });
    // Wrapped to the last match.
    expect(pager.search?.current).toBe(4);
    expect(footerText(pager)).toContain("match 5 of 5");
    expect(topOf(pager).line).toBe(43);
    expect(run(pager, { type: "next" }).search?.current).toBe(0);
  });

  it("walks matches on the last screen, where the top cannot move down to them", () => {
    const store = numbered(50, (i) => (i >= 47 ? " tail" : ""));
    let pager = run(createPager(store, 80, 5), { type: "top" }, { type: "search", query: "tail" });
    expect(topOf(pager).line).toBe(45);
    expect(pager.search?.current).toBe(0);
    pager = run(pager, { type: "next" });
    expect(pager.search?.current).toBe(1);
    pager = run(pager, { type: "next" });
    expect(pager.search?.current).toBe(2);
    expect(run(pager, { type: "next" }).search?.current).toBe(0);
  });

  it("starts from the screen: the first match at or below the top line", () => {
    const store = numbered(50, (i) => (i % 10 === 3 ? " needle" : ""));
    const pager = run(
      createPager(store, 40, 5),
      { type: "top" },
      { type: "down", rows: 20 },
      { type: "search", query: "needle" },
    );
    expect(topOf(pager).line).toBe(23);
    expect(pager.search?.current).toBe(2);
  });

  it("is case-insensitive unless the query has upper case", () => {
    const store = LineStore.fromText("Error one\nerror two\nERROR three\n");
    const lower = run(createPager(store, 40, 5), { type: "search", query: "error" });
    expect(lower.search?.matches).toEqual([0, 1, 2]);
    const exact = run(createPager(store, 40, 5), { type: "search", query: "Error" });
    expect(exact.search?.matches).toEqual([0]);
  });

  it("searches a huge source in bounded steps, and says so while it does", () => {
    const store = numbered(200_000, (i) => (i === 150_000 ? " rare" : ""));
    let pager = run(createPager(store, 80, 10), { type: "top" }, { type: "search", query: "rare" });
    expect(searching(pager)).toBe(true);
    expect(pager.search?.scanned).toBeLessThan(200_000);
    expect(topOf(pager).line).toBe(0); // the jump waits for the match
    expect(footerText(pager)).toMatch(/“rare” 0\+ matches, searching \d+%/);
    let steps = 1;
    while (searching(pager)) {
      pager = pagerReducer(pager, { type: "searchStep" });
      steps += 1;
    }
    expect(steps).toBeGreaterThan(2);
    expect(pager.search?.matches).toEqual([150_000]);
    expect(topOf(pager).line).toBe(150_000);
    expect(footerText(pager)).toContain("match 1 of 1");
  });

  it("searches lines that arrive after the search finished", () => {
    const store = numbered(10);
    let pager = run(createPager(store, 80, 5), { type: "search", query: "late" });
    expect(searching(pager)).toBe(false);
    store.append("a late line\n");
    expect(searching(pager)).toBe(true);
    pager = run(pager, { type: "searchStep" }, { type: "next" });
    expect(pager.search?.matches).toEqual([10]);
    expect(footerText(pager)).toContain("match 1 of 1");
  });

  it("ends a search over a source that reports lines it cannot give", () => {
    const broken = { lineCount: 10, version: 0, slice: () => [] };
    const pager = run(createPager(broken, 80, 5), { type: "search", query: "x" });
    expect(searching(pager)).toBe(false);
  });

  it("says when nothing matches, and an empty query ends the search", () => {
    const pager = run(createPager(numbered(5), 80, 5), { type: "search", query: "zzz" });
    expect(footerText(pager)).toContain("“zzz” not found");
    expect(run(pager, { type: "search", query: "" }).search).toBeNull();
  });

  it("highlights matches on screen, across the line's own colour changes", () => {
    const store = LineStore.fromText(`${ESC}[31mfoo${ESC}[0mbar baz foobar\n`);
    const pager = run(createPager(store, 40, 2), { type: "search", query: "obar" });
    const row = pagerScreen(pager).rows[0] as string;
    expect(stripSgr(row)).toBe("foobar baz foobar");
    expect(row).toContain(`${ESC}[7;4m`);
    expect(highlightMatches(`${ESC}[31mfoo${ESC}[0mbar`, "obar")).toBe(
      `${ESC}[31mfo${ESC}[7mo${ESC}[0m${ESC}[7mbar${ESC}[27m`,
    );
    expect(highlightMatches("a-b-a", "a")).toBe(`${ESC}[7ma${ESC}[27m-b-${ESC}[7ma${ESC}[27m`);
    expect(highlightMatches("none here", "x")).toBe("none here");
  });
});

describe("pager view", () => {
  it("draws the rows and the footer, or a prompt in the footer's place", () => {
    const pager = createPager(numbered(30), 30, 3);
    const screen = renderToString(createElement(Pager, { state: pager }), { columns: 30 });
    const lines = stripSgr(screen).split("\n");
    expect(lines.slice(0, 3)).toEqual(["line 27", "line 28", "line 29"]);
    expect(lines[3]).toContain("lines 28–30 of 30");
    const prompting = renderToString(createElement(Pager, { state: pager, prompt: "/needle" }), {
      columns: 30,
    });
    expect(stripSgr(prompting).split("\n")[3]).toBe("/needle");
  });
});
