// Shared steps of the end-to-end tests: start the built `oprel` (dist/bin/oprel.js, so `npm test`
// builds first) in a pty, with a shell prompt already on the main screen, in a scratch folder.

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { writeNotebook } from "../../bench/notebooks/generate.js";
import { startTerminal, type TerminalOptions, type TestTerminal } from "./harness.js";

export { writeNotebook };

export const CLI = fileURLToPath(new URL("../../dist/bin/oprel.js", import.meta.url));
/** The command line the user typed before oprel started: it must be there, unchanged, afterwards. */
export const PROMPT = "user@host:~$ oprel notebook.ipynb";
/** Generous: the machine has two cores shared with other test files and Python workers. */
export const SLOW = { timeout: 20_000 };

const opened: TestTerminal[] = [];
const folders: string[] = [];

export function scratchFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "oprel-e2e-"));
  folders.push(dir);
  return dir;
}

/** For afterEach: kills what a test left running and removes its folders. */
export async function cleanUp(): Promise<void> {
  await Promise.all(opened.splice(0).map((t) => t.dispose()));
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
}

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

/** Waits until the status line shows the kernel idle (its worker has started). */
export function kernelIdle(t: TestTerminal): Promise<void> {
  return t.waitForText(/\bidle\b/, SLOW);
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
