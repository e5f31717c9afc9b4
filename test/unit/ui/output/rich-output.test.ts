import { describe, expect, it } from "vitest";
import { stripSgr } from "../../../../src/terminal/sgr.js";
import { displayWidth } from "../../../../src/terminal/width.js";
import { CellOutputs } from "../../../../src/ui/output/cell-output.js";
import { richTextLoaded, whenRichTextReady } from "../../../../src/ui/output/rich-text.js";

const plain = (lines: string[]) => lines.map(stripSgr);
const markdown =
  "# Results\n\nSome **bold** and *emphasis*.\n\n- first\n- second\n\n```python\nprint('hi')\n```";
const dataFrame = `<div><style scoped>.dataframe tbody tr th { vertical-align: top; }</style>
<table border="1" class="dataframe"><thead><tr style="text-align: right;"><th></th><th>name</th><th>value</th></tr></thead>
<tbody><tr><th>0</th><td>alpha</td><td>1.5</td></tr><tr><th>1</th><td>beta gamma</td><td>22.25</td></tr></tbody></table></div>`;

describe("Markdown and HTML outputs", () => {
  it("are not loaded on the way to the first paint; stand-ins show until they are", async () => {
    expect(richTextLoaded()).toBe(false);
    const view = CellOutputs.fromOutputs([
      {
        output_type: "display_data",
        data: { "text/markdown": markdown, "text/plain": "<Markdown>" },
        metadata: {},
      },
      {
        output_type: "execute_result",
        execution_count: 1,
        data: { "text/html": dataFrame, "text/plain": "  name value\n0 alpha 1.5" },
        metadata: {},
      },
    ]);
    const before = view.version;
    const first = plain(view.windowLines(60, 50).lines);
    expect(first[0]).toBe("# Results");
    expect(first).toContain("0 alpha 1.5");
    await whenRichTextReady();
    expect(view.version).toBeGreaterThan(before);
    const lines = view.windowLines(60, 50).lines;
    const text = plain(lines);
    expect(text[0]).toBe("Results");
    expect(lines[0]).toContain("\u001b["); // styled
    expect(text).toContain("Some bold and emphasis.");
    expect(text.some((line) => /^\s*\* first$/.test(line))).toBe(true);
    expect(text.some((line) => line.includes("print('hi')"))).toBe(true);
    // The table as aligned columns.
    const header = text.findIndex((line) => line.includes("NAME"));
    expect(header).toBeGreaterThan(0);
    const column = (text[header] as string).indexOf("VALUE");
    expect((text[header + 1] as string).indexOf("1.5")).toBe(column);
    expect((text[header + 2] as string).indexOf("22.25")).toBe(column);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(60);
  });

  it("re-lays out Markdown for a new width", async () => {
    await whenRichTextReady();
    const long = "word ".repeat(40).trim();
    const view = CellOutputs.fromOutputs([
      { output_type: "display_data", data: { "text/markdown": long }, metadata: {} },
    ]);
    const narrow = plain(view.windowLines(30, 50).lines);
    expect(narrow.length).toBeGreaterThan(5);
    for (const line of narrow) expect(line.endsWith("wor")).toBe(false); // wrapped at words
    expect(plain(view.windowLines(120, 50).lines).length).toBeLessThan(narrow.length);
  });

  it("an HTML output with no readable text falls back to text/plain", async () => {
    await whenRichTextReady();
    const view = CellOutputs.fromOutputs([
      {
        output_type: "display_data",
        data: { "text/html": "<script>alert(1)</script>", "text/plain": "<Widget>" },
        metadata: {},
      },
    ]);
    expect(plain(view.windowLines(60, 5).lines)).toEqual(["<Widget>"]);
  });

  it("prefers an image to its text/plain description, naming type and size", () => {
    const png =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    const view = CellOutputs.fromOutputs([
      {
        output_type: "display_data",
        data: { "text/plain": "<Figure size 1x1>", "image/png": png },
        metadata: {},
      },
    ]);
    expect(plain(view.windowLines(60, 5).lines)).toEqual(["[image/png 1×1]"]);
  });
});
