// Work is never lost: saving and reopening, the question before quitting with unsaved changes, a
// 5,000-line paste, and the recovery copy a hang-up leaves for the next open.

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  cellSources,
  commandMode,
  editMode,
  expectRecoveryOffered,
  openNotebook,
  openOprel,
  SLOW,
  scratchFolder,
  typeInNewCell,
} from "./oprel.js";

describe("files", { timeout: 60_000 }, () => {
  it("saves with Ctrl+S, and reopening shows the same content", async () => {
    const dir = scratchFolder();
    const path = join(dir, "kept.ipynb"); // does not exist yet: written on the first save
    const first = await openOprel([path], dir);
    await first.waitForText("kept.ipynb", SLOW);
    await editMode(first);
    first.type('answer = "forty-two"');
    await commandMode(first);
    await typeInNewCell(first, "# second cell");
    first.press("ctrl+s");
    await first.waitFor(() => existsSync(path), "the file on disk", SLOW);
    await first.waitForNoText(/kept\.ipynb\*/, SLOW);
    expect(cellSources(path)).toEqual(['answer = "forty-two"', "# second cell"]);
    await commandMode(first);
    first.press("q");
    expect(await first.exit(SLOW)).toMatchObject({ exitCode: 0 });

    const again = await openOprel([path], dir);
    await again.waitForText('answer = "forty-two"', SLOW);
    await again.waitForText("# second cell");
  });

  it("asks before quitting with unsaved changes; cancel stays, discard leaves the file", async () => {
    const { t, path, original } = await openNotebook("ask.ipynb", ["x = 1"]);
    t.press("b");
    await t.waitForText("ask.ipynb*");
    t.press("q");
    await t.waitForText("Unsaved changes");
    t.press("c");
    await t.waitForNoText("Unsaved changes");
    t.press("q");
    await t.waitForText("Unsaved changes");
    t.press("d");
    expect(await t.exit(SLOW)).toMatchObject({ exitCode: 0 });
    expect(readFileSync(path, "utf8")).toBe(original);
  });

  it("pastes 5,000 lines as one edit, and saves every line", async () => {
    const { t, path } = await openNotebook("paste.ipynb", [""]);
    await editMode(t);
    const lines = Array.from({ length: 5000 }, (_, i) => `line_${i} = ${i}`);
    t.paste(lines.join("\n"));
    await t.waitForText("line_4999 = 4999", SLOW);
    t.press("ctrl+s");
    await t.waitFor(() => cellSources(path)[0] === lines.join("\n"), "the pasted cell saved", SLOW);
    // One undo step takes the whole paste back.
    t.press("ctrl+z");
    await t.waitForNoText("line_4999", SLOW);
    expect(t.text()).not.toContain("line_0 = 0");
  });

  it("writes a recovery copy on SIGHUP, which the next open offers", async () => {
    const opened = await openNotebook("hangup.ipynb", ["saved = 1"]);
    const { t, path } = opened;
    await typeInNewCell(t, "unsaved = 2");
    await commandMode(t); // typing still in the editor: see unsaved-edits.test.ts
    t.kill("SIGHUP");
    await t.exit(SLOW);
    const again = await expectRecoveryOffered(opened, "unsaved = 2");
    again.press("ctrl+s");
    await again.waitFor(
      () => cellSources(path).includes("unsaved = 2"),
      "the restored cell saved",
      SLOW,
    );
  });
});
