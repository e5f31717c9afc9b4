// Shared steps of the end-to-end tests: start the built `oprel` (dist/bin/oprel.js, so `npm test`
// builds first) in a pty, with a shell prompt already on the main screen, in a scratch folder.

import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, expect } from "vitest";
import { writeNotebook } from "../../bench/notebooks/generate.js";
import { startTerminal, type TerminalOptions, type TestTerminal } from "./harness.js";

export { writeNotebook };

export const CLI = fileURLToPath(new URL("../../dist/bin/oprel.js", import.meta.url));
/** The command line the user typed before oprel started: it must be there, unchanged, afterwards. */
export const PROMPT = "user@host:~$ oprel notebook.ipynb";
/** Environment that makes SIGUSR2 an uncaught exception inside oprel: a crash on demand. */
export const CRASH_ON_SIGUSR2 = {
  NODE_OPTIONS: `--import=${new URL("./fixtures/crash-on-sigusr2.mjs", import.meta.url).href}`,
};
/** Generous: the machine has two cores shared with other test files and Python workers. */
export const SLOW = { timeout: 20_000 };

const opened: TestTerminal[] = [];
const folders: string[] = [];

export function scratchFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "oprel-e2e-"));
  folders.push(dir);
  return dir;
}

/**
 * Kills what a test left running and removes its folders. Registered with afterEach below for
 * every test file that imports this module; calling it again is harmless.
 */
export async function cleanUp(): Promise<void> {
  await Promise.all(opened.splice(0).map((t) => t.dispose()));
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
}
afterEach(cleanUp);

export async function openOprel(
  args: string[],
  cwd: string,
  options: Partial<TerminalOptions> = {},
): Promise<TestTerminal> {
  const t = await startTerminal({
    command: process.execPath,
    args: [CLI, ...args],
    cols: 100,
    rows: 30,
    cwd,
    before: `${PROMPT}\r\n`, // Enter was pressed: oprel starts on the next line
    keyboard: "kitty",
    ...options,
  });
  opened.push(t);
  return t;
}

export interface OpenNotebook {
  t: TestTerminal;
  dir: string;
  path: string;
  /** The file's bytes before oprel opened it. */
  original: string;
}

/** Writes `name` with `sources` into a scratch folder and opens it; resolves at its first paint. */
export async function openNotebook(
  name: string,
  sources: string[],
  options: Partial<TerminalOptions> = {},
): Promise<OpenNotebook> {
  const dir = scratchFolder();
  const path = writeNotebook(dir, name, sources);
  const original = readFileSync(path, "utf8");
  const t = await openOprel([path], dir, options);
  await t.waitForText(name, SLOW);
  return { t, dir, path, original };
}

/** From command mode: inserts a cell below, types `text` into it and waits for the echo. */
export async function typeInNewCell(t: TestTerminal, text: string): Promise<void> {
  t.press("b");
  t.press("enter");
  t.type(text);
  await t.waitForText(text, SLOW);
}

/**
 * After oprel ended without saving: the file is untouched, a recovery copy lies next to it, and
 * the next open offers it; restoring shows `text`. Returns the reopened terminal.
 */
export async function expectRecoveryOffered(
  opened: OpenNotebook,
  text: string,
): Promise<TestTerminal> {
  const { dir, path, original } = opened;
  expect(readFileSync(path, "utf8")).toBe(original);
  expect(existsSync(join(dir, `.${basename(path)}.oprel-recovery`))).toBe(true);
  const again = await openOprel([path], dir);
  await again.waitForText("recovered", SLOW);
  again.press("r");
  await again.waitForText(text, SLOW);
  return again;
}

/** Esc, then waits for command mode: a key pressed right after a bare Esc would read as Alt+key. */
export async function commandMode(t: TestTerminal): Promise<void> {
  t.press("esc");
  await t.waitForText(/\bCMD\b/);
}

/** Enter on the selected cell (unless already editing), then waits for edit mode. */
export async function editMode(t: TestTerminal): Promise<void> {
  if (/\bEDIT\b/.test(t.text())) return;
  t.press("enter");
  await t.waitForText(/\bEDIT\b/);
}

/**
 * Waits until oprel has turned on the keyboard protocol the terminal offers (kitty flags, or
 * modifyOtherKeys): before that, Shift+Enter and Ctrl+Enter arrive as a plain Enter.
 */
export async function keyboardReady(t: TestTerminal): Promise<void> {
  if (t.keyboard === "legacy") return;
  await t.waitFor(
    () => (t.modes().kittyStack.at(-1) ?? 0) > 0 || t.modes().modifyOtherKeys > 0,
    "a keyboard protocol turned on",
    SLOW,
  );
}

/** Waits until the status line shows the kernel idle (its worker has started). */
export function kernelIdle(t: TestTerminal): Promise<void> {
  return t.waitForText(/\bidle\b/, SLOW);
}

/** Kernel idle and keyboard protocol on: ready for what a user does first. */
export async function ready(t: TestTerminal): Promise<void> {
  await kernelIdle(t);
  await keyboardReady(t);
}

export function cellSources(path: string): string[] {
  const nb = JSON.parse(readFileSync(path, "utf8")) as { cells: { source: string | string[] }[] };
  return nb.cells.map((cell) => (Array.isArray(cell.source) ? cell.source.join("") : cell.source));
}

/** The terminal is as the shell left it: main screen, prompt and cursor back, every mode reset. */
export function expectRestored(t: TestTerminal): void {
  expect(t.isAltScreen()).toBe(false);
  expect(t.modes()).toEqual(t.initialModes);
  expect(t.screen().join("\n").trimEnd()).toBe(PROMPT);
  expect(t.cursor()).toEqual({ x: 0, y: 1, visible: true });
}
