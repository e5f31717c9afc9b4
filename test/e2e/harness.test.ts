// The harness itself, against a tiny program that echoes what it reads (fixtures/key-echo.mjs).

import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { encodeKey } from "./harness/encode-key.js";
import { type KeyboardProfile, startTerminal, type TestTerminal } from "./harness.js";

const ECHO = fileURLToPath(new URL("./fixtures/key-echo.mjs", import.meta.url));
const ESC = "\x1b";

let terminal: TestTerminal | undefined;
afterEach(async () => {
  await terminal?.dispose();
  terminal = undefined;
});

async function echo(start = "", atExit = "", keyboard: KeyboardProfile = "xterm") {
  terminal = await startTerminal({
    command: process.execPath,
    args: [ECHO, start, atExit],
    keyboard,
  });
  await terminal.waitForText("ready");
  return terminal;
}

/** Presses `key` and waits for the program to report exactly `bytes`. */
async function expectKey(t: TestTerminal, key: string, bytes: string) {
  t.press(key);
  await t.waitForText(`got: ${JSON.stringify(bytes)}`);
}

describe("key encoding (pure)", () => {
  const legacy = { kittyFlags: 0, modifyOtherKeys: 0, applicationCursorKeys: false };
  it.each([
    ["j", "j"],
    ["shift+j", "J"],
    ["enter", "\r"],
    ["shift+enter", "\r"],
    ["alt+enter", `${ESC}\r`],
    ["ctrl+s", "\x13"],
    ["ctrl+]", "\x1d"],
    ["esc", ESC],
    ["shift+tab", `${ESC}[Z`],
    ["up", `${ESC}[A`],
    ["ctrl+left", `${ESC}[1;5D`],
    ["pagedown", `${ESC}[6~`],
    ["backspace", "\x7f"],
  ])("legacy %s", (key, bytes) => expect(encodeKey(key, legacy)).toBe(bytes));

  it("uses SS3 arrows in application cursor mode", () => {
    expect(encodeKey("down", { ...legacy, applicationCursorKeys: true })).toBe(`${ESC}OB`);
  });

  const kitty = { ...legacy, kittyFlags: 1 };
  it.each([
    ["j", "j"],
    ["shift+j", "J"],
    ["enter", "\r"],
    ["shift+enter", `${ESC}[13;2u`],
    ["ctrl+enter", `${ESC}[13;5u`],
    ["alt+enter", `${ESC}[13;3u`],
    ["esc", `${ESC}[27u`],
    ["ctrl+s", `${ESC}[115;5u`],
    ["ctrl+shift+z", `${ESC}[122;6u`],
    ["shift+tab", `${ESC}[9;2u`],
    ["up", `${ESC}[A`],
  ])("kitty disambiguate %s", (key, bytes) => expect(encodeKey(key, kitty)).toBe(bytes));

  it("sends every key as CSI u under kitty flag 8", () => {
    expect(encodeKey("enter", { ...legacy, kittyFlags: 8 })).toBe(`${ESC}[13u`);
    expect(encodeKey("a", { ...legacy, kittyFlags: 8 })).toBe(`${ESC}[97u`);
    expect(encodeKey("shift+a", { ...legacy, kittyFlags: 12 })).toBe(`${ESC}[97:65;2u`);
  });

  const other = { ...legacy, modifyOtherKeys: 2 };
  it.each([
    ["shift+enter", `${ESC}[27;2;13~`],
    ["ctrl+enter", `${ESC}[27;5;13~`],
    ["ctrl+s", `${ESC}[27;5;115~`],
    ["shift+j", "J"],
    ["j", "j"],
    ["enter", "\r"],
  ])("modifyOtherKeys 2 %s", (key, bytes) => expect(encodeKey(key, other)).toBe(bytes));

  it("rejects unknown keys instead of guessing", () => {
    expect(() => encodeKey("hyper+x", legacy)).toThrow(/modifier/);
    expect(() => encodeKey("enterr", legacy)).toThrow(/unknown key/);
  });
});

describe("harness against a real program in a pty", () => {
  it("types text and sees the program's echo on screen", async () => {
    const t = await echo();
    t.type("abc");
    await t.waitForText('got: "abc"');
    expect(t.screen()[0]).toBe("ready");
  });

  it("encodes keys as a plain terminal before the program asks for more", async () => {
    const t = await echo("", "", "kitty");
    await expectKey(t, "shift+enter", "\r");
    await expectKey(t, "ctrl+s", "\x13");
  });

  it("as kitty: answers the flag query, keeps a stack per screen, encodes with the flags", async () => {
    const t = await echo(`${ESC}[?u${ESC}[c${ESC}[>1u`, "", "kitty");
    await t.waitForText(/\\u001b\[\?0u/);
    await t.waitForText(/\\u001b\[\?1;2c/);
    expect(t.modes().kittyStack).toEqual([1]);
    await expectKey(t, "shift+enter", `${ESC}[13;2u`);
    await expectKey(t, "esc", `${ESC}[27u`);
    await expectKey(t, "j", "j");
  });

  it("as kitty: the alternate screen has its own stack, as in kitty", async () => {
    const t = await echo(`${ESC}[>1u${ESC}[?1049h${ESC}[>3u${ESC}[<u${ESC}[<u`, "", "kitty");
    expect(t.isAltScreen()).toBe(true);
    expect(t.modes().kittyStacks).toEqual({ main: [1], alternate: [] });
    await expectKey(t, "shift+enter", "\r");
  });

  it("as xterm: no kitty answer, but modifyOtherKeys is honoured and answered", async () => {
    const t = await echo(`${ESC}[?u${ESC}[>1u${ESC}[>4;2m${ESC}[?4m${ESC}[c`);
    await t.waitForText(/\\u001b\[\?1;2c/);
    expect(t.output()).not.toContain("?0u");
    expect(t.text()).toContain(JSON.stringify(`${ESC}[>4;2m`).slice(1, -1));
    expect(t.modes().kittyStack).toEqual([]);
    expect(t.modes().modifyOtherKeys).toBe(2);
    await expectKey(t, "shift+enter", `${ESC}[27;2;13~`);
  });

  it("as a legacy terminal: answers only DA1", async () => {
    const t = await echo(`${ESC}[?u${ESC}[?4m${ESC}[>4;2m${ESC}[c`, "", "legacy");
    await t.waitForText(/\\u001b\[\?1;2c/);
    expect(t.text()).not.toMatch(/u001b\[(\?0u|>4)/);
    await expectKey(t, "shift+enter", "\r");
  });

  it("brackets a paste only when the program enabled it, newlines as CR", async () => {
    const plain = await echo();
    plain.paste("a\nb");
    await plain.waitForText('got: "a\\rb"');
    await plain.dispose();
    const t = await echo(`${ESC}[?2004h`);
    expect(t.modes().bracketedPaste).toBe(true);
    t.paste("x\ny");
    await t.waitForText(`got: ${JSON.stringify(`${ESC}[200~x\ry${ESC}[201~`)}`);
  });

  it("tracks cursor visibility, alternate screen, title and clipboard writes", async () => {
    const t = await echo(`${ESC}[?25l${ESC}]0;hello${ESC}\\${ESC}]52;c;aGk=\x07${ESC}[?1049h`);
    expect(t.modes()).toMatchObject({ cursorVisible: false, altScreen: true });
    expect(t.cursor().visible).toBe(false);
    expect(t.title()).toBe("hello");
    expect(t.protocol.clipboardWrites).toEqual(["c;aGk="]);
  });

  it("reads the colour of text on screen, after wide characters too", async () => {
    const t = await echo(`漢字 ${ESC}[31mred${ESC}[0m plain ${ESC}[38;2;1;2;3mrgb${ESC}[0m\r\n`);
    expect(t.foregroundOf("red")).toBe(1);
    expect(t.foregroundOf("plain")).toBe("default");
    expect(t.foregroundOf("rgb")).toBe("rgb:010203");
    expect(t.foregroundOf("absent")).toBeUndefined();
    expect(t.styledScreen()[0]).toMatch(/^漢字 \{[^}]*\}red\{\} plain \{[^}]*\}rgb$/);
  });

  it("sees the main screen restored after a program leaves the alternate screen", async () => {
    terminal = await startTerminal({
      command: process.execPath,
      args: [ECHO, `${ESC}[?1049h${ESC}[?25l`, `${ESC}[?25h${ESC}[?1049l`],
      before: "user@host:~$ ",
    });
    const t = terminal;
    await t.waitForText("ready");
    expect(t.isAltScreen()).toBe(true);
    t.type("q");
    expect(await t.exit()).toEqual({ exitCode: 0, signal: 0 });
    expect(t.isAltScreen()).toBe(false);
    expect(t.screen()[0]).toBe("user@host:~$");
    expect(t.cursor()).toEqual({ x: 13, y: 0, visible: true });
    expect(t.modes()).toEqual(t.initialModes);
  });

  it("shows nothing of a synchronized update until it ends, as a terminal does", async () => {
    terminal = await startTerminal({ command: process.execPath, args: [ECHO, `${ESC}[?2026h`] });
    const t = terminal;
    t.type("S"); // the program ends the update only after reporting this key
    await t.waitForText("ready");
    expect(t.text()).toContain('got: "S"');
  });

  it("resizes the pty and the screen", async () => {
    const t = await echo();
    t.resize(100, 30);
    await t.waitForText("size: 100x30");
    expect(t.screen()).toHaveLength(30);
  });

  it("kills the program with a signal and reports it", async () => {
    const t = await echo();
    t.kill("SIGTERM");
    expect(await t.exit()).toMatchObject({ signal: 15 });
  });

  it("fails a wait at once, with the screen, when the program exits first", async () => {
    const t = await echo();
    const started = Date.now();
    const wait = t.waitForText("never shown", { timeout: 20_000 });
    t.type("q");
    await expect(wait).rejects.toThrow(/exited .* before screen text never shown[\s\S]*\|ready/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("times out a wait with the screen in the message", async () => {
    const t = await echo();
    await expect(t.waitForText("absent", { timeout: 200 })).rejects.toThrow(
      /timed out after 200 ms[\s\S]*\|ready/,
    );
  });
});
