// Proof that untrusted output cannot act on the terminal through any rendering path: whatever a
// cell prints or a notebook holds, only SGR colour reaches the screen.

import { renderToString } from "ink";
import { createElement } from "react";
import { beforeAll, describe, expect, it } from "vitest";
import type { Output } from "../../../../src/notebook/types.js";
import { displayWidth } from "../../../../src/terminal/width.js";
import { CellOutputs } from "../../../../src/ui/output/cell-output.js";
import { whenRichTextReady } from "../../../../src/ui/output/rich-text.js";
import { createPager, Pager, pagerReducer, pagerScreen } from "../../../../src/ui/pager/index.js";

const ESC = "\u001b";
const ATTACKS = {
  clipboard: `${ESC}]52;c;ZXZpbA==\u0007`,
  title: `${ESC}]0;pwned${ESC}\\`,
  titleBel: `${ESC}]2;pwned\u0007`,
  hyperlink: `${ESC}]8;;http://evil.example${ESC}\\link${ESC}]8;;${ESC}\\`,
  cursor: `${ESC}[10A${ESC}[5;5H${ESC}[2K${ESC}7${ESC}8`,
  clear: `${ESC}[2J${ESC}[3J`,
  altScreen: `${ESC}[?1049l${ESC}[?1049h`,
  modes: `${ESC}[?25l${ESC}[?1000h${ESC}[>1u${ESC}[?2004l`,
  dcs: `${ESC}P+q544e${ESC}\\`,
  kittyImage: `${ESC}_Gf=100,a=T;AAAA${ESC}\\`,
  c1: "\u009b2J\u009d0;c1 title\u009c\u0085\u0090dcs\u009c",
  bidi: "\u202eevil\u202c \u2066isolate\u2069",
  controls: "\u0000\u0007\u000b\u000c\u007f",
  reset: `${ESC}c`,
};
const HOSTILE = Object.values(ATTACKS).join(" x ");

// Everything but SGR that a terminal acts on: C0 (tab included: it must be expanded), DEL, C1,
// and bidi embeddings, overrides and isolates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const SGR = /\u001b\[[0-9;:]*m/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const ACTIVE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function expectInert(lines: string[], width?: number): void {
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) {
    const rest = line.replace(SGR, "");
    const found = ACTIVE.exec(rest);
    expect(
      found,
      `control U+${found?.[0].codePointAt(0)?.toString(16)} in ${JSON.stringify(line)}`,
    ).toBeNull();
    if (width !== undefined) expect(displayWidth(line)).toBeLessThanOrEqual(width);
  }
}

const WIDTH = 60;

function linesOf(outputs: Output[]): string[] {
  return CellOutputs.fromOutputs(outputs).windowLines(WIDTH, 500).lines;
}

describe("hostile output is inert in every rendering path", () => {
  beforeAll(() => whenRichTextReady());

  it("a live stream, fed in pieces that cut the sequences anywhere", () => {
    const view = CellOutputs.fromOutputs([]);
    const text = `${HOSTILE}\n${HOSTILE}`;
    for (let at = 0; at < text.length; at += 3) view.appendStream("stdout", text.slice(at, at + 3));
    expectInert(view.windowLines(WIDTH, 500).lines, WIDTH);
  });

  it("saved streams, text/plain, JSON and errors", () => {
    expectInert(
      linesOf([
        { output_type: "stream", name: "stderr", text: [HOSTILE, "\n", HOSTILE] },
        {
          output_type: "execute_result",
          execution_count: 1,
          data: { "text/plain": HOSTILE },
          metadata: {},
        },
        { output_type: "display_data", data: { "application/json": { k: HOSTILE } }, metadata: {} },
        { output_type: "error", ename: HOSTILE, evalue: HOSTILE, traceback: [HOSTILE, HOSTILE] },
        { output_type: "error", ename: HOSTILE, evalue: HOSTILE, traceback: [] },
      ]),
      WIDTH,
    );
  });

  it("Markdown, in text, headings, code, links and tables", () => {
    const markdown = [
      `# ${HOSTILE}`,
      `Some *${HOSTILE}* and \`${HOSTILE}\` and [${HOSTILE}](http://x/${ATTACKS.title})`,
      `\`\`\`python\n${HOSTILE}\n\`\`\``,
      `| a | b |\n|---|---|\n| ${HOSTILE} | x |`,
      `> ${HOSTILE}`,
    ].join("\n\n");
    const lines = linesOf([
      { output_type: "display_data", data: { "text/markdown": markdown }, metadata: {} },
    ]);
    expect(lines.join("\n")).toContain("evil"); // the text stays, only its controls go
    expectInert(lines, WIDTH);
  });

  it("HTML, raw and as character references that decode to escapes", () => {
    const encoded = "&#27;]52;c;ZXZpbA==&#7;&#x1b;[2J&#x1B;]0;pwned&#x1b;\\&#155;2J&#8238;rtl";
    const html = `<h1>${HOSTILE}</h1><p>${encoded}</p><table><tr><th>${HOSTILE}</th></tr><tr><td>${encoded}</td></tr></table><pre>${HOSTILE}</pre>`;
    expectInert(
      linesOf([
        {
          output_type: "display_data",
          data: { "text/html": html, "text/plain": "x" },
          metadata: {},
        },
      ]),
      WIDTH,
    );
  });

  it("placeholders for images and unknown types with hostile MIME names", () => {
    const lines = linesOf([
      {
        output_type: "display_data",
        data: { [`image/png${ATTACKS.title}`]: "AAAA" },
        metadata: {},
      },
      { output_type: "display_data", data: { [`application/x-${HOSTILE}`]: "?" }, metadata: {} },
      {
        output_type: "display_data",
        data: { "image/svg+xml": `<svg width="1">${HOSTILE}</svg>` },
        metadata: {},
      },
    ]);
    expect(lines).toHaveLength(3);
    expectInert(lines, WIDTH);
  });

  it("the pager: its rows, its highlighted matches, its footer with a hostile query, its view", () => {
    const view = CellOutputs.fromOutputs([
      { output_type: "stream", name: "stdout", text: `${HOSTILE}\nplain x line\n${HOSTILE}\n` },
    ]);
    let pager = createPager(view.lineSource(WIDTH), WIDTH, 10);
    pager = pagerReducer(pager, { type: "search", query: `x${ATTACKS.clipboard}${ATTACKS.bidi}` });
    pager = pagerReducer(pager, { type: "search", query: "x" });
    const screen = pagerScreen(pager);
    expectInert([...screen.rows.filter(Boolean), screen.footer], WIDTH);
    const hostileQuery = pagerReducer(pager, { type: "search", query: HOSTILE });
    expectInert([pagerScreen(hostileQuery).footer], WIDTH);
    const drawn = renderToString(createElement(Pager, { state: hostileQuery }), { columns: WIDTH });
    expectInert(drawn.split("\n"), WIDTH);
  });
});
