// Opening and guarding files, and what the status line owes the user: several files with a bad
// one among them, a file changed on disk behind oprel's back, getpass, a kernel that dies.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  cellSources,
  openNotebook,
  openOprel,
  ready,
  SLOW,
  scratchFolder,
  writeNotebook,
} from "./oprel.js";

describe("opening and guarding notebooks", { timeout: 60_000 }, () => {
  it("opens the good files of several and names the bad one", async () => {
    const dir = scratchFolder();
    const good = writeNotebook(dir, "good.ipynb", ["good_cell = 1"]);
    const bad = join(dir, "bad.ipynb");
    writeFileSync(bad, "not a notebook");
    const t = await openOprel([good, bad], dir);
    await t.waitForText("good_cell = 1", SLOW);
    await t.waitForText("bad.ipynb", SLOW);
    expect(t.isAltScreen()).toBe(true);
  });

  it("asks before saving over a file that changed on disk since it was read", async () => {
    const { t, dir, path } = await openNotebook("shared.ipynb", ["mine = 1"]);
    t.press("b");
    await t.waitForText("shared.ipynb*");
    writeNotebook(dir, "shared.ipynb", ["theirs = 2"]);
    t.press("ctrl+s");
    await t.waitForText("changed by another program", SLOW);
    expect(cellSources(path)).toEqual(["theirs = 2"]);
  });

  it("hides what is typed into getpass()", async () => {
    const source =
      'import getpass\nsecret = getpass.getpass("pass" + "word: ")\nprint(len(secret), "chars")';
    const { t } = await openNotebook("secret.ipynb", [source]);
    await ready(t);
    t.press("ctrl+e");
    await t.waitForText("password:", SLOW);
    t.type("hunter2");
    t.press("enter");
    await t.waitForText("7 chars", SLOW);
    expect(t.output()).not.toContain("hunter2");
  });

  it("shows a dead kernel at once, with the key that restarts it", async () => {
    const { t } = await openNotebook("dies.ipynb", ["import os\nos._exit(3)", "alive = 1"]);
    await ready(t);
    t.press("ctrl+e");
    await t.waitForText(/\bdead\b/, SLOW);
    expect(t.text()).toMatch(/0 0|restart/);
    t.press("0");
    t.press("0");
    await t.waitForText(/\bidle\b/, SLOW);
  });
});
