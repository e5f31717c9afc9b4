import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadNotebook } from "../../../../src/notebook/index.js";
import { imageInfo } from "../../../../src/ui/output/image-info.js";
import { imagePlaceholder } from "../../../../src/ui/output/image-view.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../../../fixtures/images/${name}`, import.meta.url)).toString("base64");

describe("imageInfo", () => {
  it.each([
    ["image/jpeg", "red-123x45.jpg", 123, 45],
    ["image/jpeg", "exif-321x54.jpg", 321, 54],
    ["image/jpeg", "progressive-77x88.jpg", 77, 88],
    ["image/gif", "red-123x45.gif", 123, 45],
    ["image/webp", "red-123x45.webp", 123, 45],
  ])("reads the size of %s %s from its header", (mime, name, width, height) => {
    expect(imageInfo(mime, fixture(name))).toMatchObject({ width, height });
  });

  it("reads a PNG saved by Jupyter, line breaks and all", async () => {
    const { notebook } = await loadNotebook("test/fixtures/corpus/nbclient/Inline Image.ipynb");
    const cell = notebook.cells[1];
    if (cell?.cell_type !== "code") throw new Error("fixture changed");
    const output = cell.outputs[0];
    if (output?.output_type !== "execute_result") throw new Error("fixture changed");
    const data = output.data["image/png"] as string;
    expect(imageInfo("image/png", data)).toMatchObject({ width: 200, height: 80 });
    const wrapped = (data.match(/.{1,76}/g) ?? []).join("\n");
    expect(imageInfo("image/png", wrapped)).toMatchObject({ width: 200, height: 80 });
  });

  it("reads an SVG's width and height, in points or from its viewBox", () => {
    expect(imageInfo("image/svg+xml", '<svg height="100" width="150">')).toMatchObject({
      width: 150,
      height: 100,
    });
    expect(
      imageInfo(
        "image/svg+xml",
        '<?xml?><svg width="460.8pt" height="345.6pt" viewBox="0 0 460.8 345.6">',
      ),
    ).toMatchObject({ width: 614, height: 461 });
    expect(imageInfo("image/svg+xml", '<svg viewBox="0 0 30 20">')).toMatchObject({
      width: 30,
      height: 20,
    });
  });

  it("gives no size for data it cannot read, and the placeholder says just the type", () => {
    const info = imageInfo("image/png", "bm90IGEgcG5n");
    expect(info.width).toBeUndefined();
    expect(imagePlaceholder(info, 80)).toEqual(["\u001b[2m[image/png]\u001b[22m"]);
    expect(imagePlaceholder(imageInfo("image/gif", fixture("red-123x45.gif")), 80)).toEqual([
      "\u001b[2m[image/gif 123×45]\u001b[22m",
    ]);
  });
});
