import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { type KeyboardProfile, startTerminal, type TestTerminal } from "../../e2e/harness.js";

const CHILD = fileURLToPath(new URL("./fullscreen-child.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "oprel-fullscreen-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let terminal: TestTerminal | undefined;
afterEach(async () => {
  await terminal?.dispose();
  terminal = undefined;
});

async function start(keyboard: KeyboardProfile = "kitty") {
  const mark = join(dir, `mark-${Date.now()}-${Math.random()}`);
  terminal = await startTerminal({
    command: process.execPath,
    args: ["--import", "tsx", CHILD, mark],
    keyboard,
    before: "$ prompt before oprel\r\n",
  });
  await terminal.waitForText(/ready \w+/);
  return { terminal, mark };
}

/** The terminal is exactly as before: main screen, cursor shown, no paste or keyboard modes left. */
function expectRestored(t: TestTerminal) {
  expect(t.modes()).toMatchObject({
    altScreen: false,
    bracketedPaste: false,
    cursorVisible: true,
    kittyStacks: { main: [], alternate: [] },
    modifyOtherKeys: 0,
  });
  expect(t.text()).toContain("$ prompt before oprel");
}

describe("full screen modes through a real pty", () => {
  it.each([
    ["kitty", "kitty", { kittyStacks: { main: [], alternate: [1] }, modifyOtherKeys: 0 }],
    ["xterm", "modifyOtherKeys", { kittyStacks: { main: [], alternate: [] }, modifyOtherKeys: 2 }],
    ["legacy", "legacy", { kittyStacks: { main: [], alternate: [] }, modifyOtherKeys: 0 }],
  ] as const)(
    "a %s terminal gets its best keyboard protocol, and it is undone on quit",
    async (profile, keyboard, modes) => {
      const { terminal: t } = await start(profile);
      await t.waitForText(`ready ${keyboard}`);
      expect(t.modes()).toMatchObject({
        altScreen: true,
        bracketedPaste: true,
        cursorVisible: false,
        ...modes,
      });
      t.press("shift+enter");
      t.press("ctrl+enter");
      t.press("esc");
      const expected =
        profile === "legacy" ? "key enter\nkey enter" : "key shift+enter\nkey ctrl+enter";
      await t.waitForText(`${expected}\nkey escape`);
      t.type("q");
      expect(await t.exit()).toMatchObject({ exitCode: 0 });
      expectRestored(t);
    },
  );

  it.each([
    ["t", "boom"],
    ["r", "nope"],
  ])(
    "a crash (key %s: a throw, a rejection) restores the terminal, saves work, then prints the error",
    async (key, message) => {
      const { terminal: t, mark } = await start();
      t.type(key);
      expect(await t.exit()).toMatchObject({ exitCode: 1 });
      expectRestored(t);
      expect(t.text()).toContain(`oprel crashed: Error: ${message}`);
      expect(readFileSync(mark, "utf8")).toBe("crash");
    },
  );

  it.each([
    ["SIGTERM", 143],
    ["SIGHUP", 129],
    ["SIGINT", 130],
  ] as const)("%s restores the terminal and saves work first", async (signal, code) => {
    const { terminal: t, mark } = await start();
    t.kill(signal);
    expect(await t.exit()).toMatchObject({ exitCode: code });
    expectRestored(t);
    expect(readFileSync(mark, "utf8")).toBe(signal);
  });
});
