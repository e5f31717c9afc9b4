// Every way oprel can end leaves the terminal exactly as the shell had it: main screen, prompt,
// cursor, modes, keyboard protocol flags, bracketed paste. Covers quit, SIGTERM, SIGHUP (the SSH
// link dropped) and a crash of oprel itself; and a malformed file, which must not even start.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  CRASH_ON_SIGUSR2,
  commandMode,
  expectRestored,
  keyboardReady,
  openNotebook,
  openOprel,
  PROMPT,
  SLOW,
  scratchFolder,
  typeInNewCell,
} from "./oprel.js";

describe("the terminal after oprel", { timeout: 60_000 }, () => {
  it("is restored after q, having used the alternate screen and the kitty protocol", async () => {
    const { t } = await openNotebook("tidy.ipynb", ['print("tidy")'], { keyboard: "kitty" });
    expect(t.isAltScreen()).toBe(true);
    expect(t.modes().bracketedPaste).toBe(true);
    // It asked the terminal and turned the protocol on, so Shift+Enter is distinguishable.
    await keyboardReady(t);
    expect(t.modes().kittyStack.at(-1)).toBeGreaterThan(0);
    t.press("q");
    expect(await t.exit(SLOW)).toEqual({ exitCode: 0, signal: 0 });
    expectRestored(t);
  });

  it("uses xterm's modifyOtherKeys where the terminal answers for it, and resets it", async () => {
    const { t } = await openNotebook("xterm.ipynb", ["1 + 1"], { keyboard: "xterm" });
    await t.waitFor(() => t.modes().modifyOtherKeys === 2, "modifyOtherKeys 2", SLOW);
    t.press("ctrl+q");
    await t.exit(SLOW);
    expectRestored(t);
  });

  for (const signal of ["SIGTERM", "SIGHUP"] as const) {
    it(`is restored after ${signal}`, async () => {
      const { t } = await openNotebook("signal.ipynb", ["x = 1"]);
      t.kill(signal);
      await t.exit(SLOW);
      expectRestored(t);
    });
  }

  it("is restored after oprel itself crashes, and the unsaved work is kept", async () => {
    const { t, dir, path, original } = await openNotebook("crash.ipynb", ["before_crash = 1"], {
      env: CRASH_ON_SIGUSR2,
    });
    await typeInNewCell(t, "typed_before_crash = 2");
    await commandMode(t); // typing still in the editor: see unsaved-edits.test.ts
    t.kill("SIGUSR2");
    const status = await t.exit(SLOW);
    expect(status.exitCode !== 0 || status.signal !== 0).toBe(true);
    expect(t.isAltScreen()).toBe(false);
    expect(t.modes()).toEqual(t.initialModes);
    expect(t.screen()[0]).toBe(PROMPT); // what oprel says about its crash may follow
    expect(readFileSync(path, "utf8")).toBe(original);
    const recovery = readFileSync(join(dir, ".crash.ipynb.oprel-recovery"), "utf8");
    expect(recovery).toContain("typed_before_crash = 2");
  });

  it("refuses a malformed file in one sentence, exit 2, leaving the file untouched", async () => {
    const dir = scratchFolder();
    const path = join(dir, "broken.ipynb");
    const bytes = '{"cells": [ {"cell_type": "code", "source": "x = 1"'; // cut off mid-file
    writeFileSync(path, bytes);
    const t = await openOprel([path], dir);
    expect(await t.exit(SLOW)).toEqual({ exitCode: 2, signal: 0 });
    expect(readFileSync(path, "utf8")).toBe(bytes);
    const said = t.screen().slice(1).join("\n").trim();
    expect(said).toContain("broken.ipynb");
    expect(said).not.toMatch(/^\s+at /m); // no stack trace
    expect(t.isAltScreen()).toBe(false);
    expect(t.modes()).toEqual(t.initialModes);
  });
});
