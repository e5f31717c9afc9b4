// `oprel [NOTEBOOK...]`: the terminal UI's entry point. Reads the command line, opens the
// notebooks (a bad file is one sentence and exit 2, and stays untouched), then takes over the
// terminal. Ink is imported only here, after CI is hidden from it: Ink draws only the last frame
// when it believes it runs in CI, and people run oprel by hand in shells that export CI.

import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseUiArgs, UI_HELP } from "../cli/ui-args.js";
import { OprelError } from "../errors.js";
import { type LoadedNotebook, loadNotebook } from "../notebook/index.js";
import { Registry } from "../registry/index.js";
import { stderr, stdout } from "../terminal/writer.js";
import { untitledPath } from "./session/new-notebook.js";

export interface Opening {
  path: string;
  loaded: LoadedNotebook | undefined;
}

function version(): string {
  const url = new URL("../../../package.json", import.meta.url);
  const fallback = new URL("../../package.json", import.meta.url);
  const path = existsSync(url) ? url : fallback;
  return (JSON.parse(readFileSync(path, "utf8")) as { version: string }).version;
}

export async function main(argv: string[]): Promise<number> {
  let command: ReturnType<typeof parseUiArgs>;
  try {
    command = parseUiArgs(argv);
  } catch (error) {
    stderr().write(`oprel: ${error instanceof OprelError ? error.format() : String(error)}\n`);
    return 2;
  }
  if (command.kind === "help") {
    stdout().write(UI_HELP);
    return 0;
  }
  if (command.kind === "version") {
    stdout().write(`${version()}\n`);
    return 0;
  }
  const paths = command.paths.length > 0 ? command.paths : [untitledPath(process.cwd())];
  const terminal = process.stdin.isTTY === true && process.stdout.isTTY === true;
  // The UI's modules (Ink, React) load while the notebooks are read: first paint waits for both.
  const app = terminal ? loadApp() : undefined;
  const openings: Opening[] = [];
  const problems: string[] = [];
  for (const path of paths) {
    try {
      openings.push({
        path: resolve(path),
        loaded: existsSync(path) ? await loadNotebook(path) : undefined,
      });
    } catch (error) {
      problems.push(error instanceof OprelError ? error.format() : String(error));
    }
  }
  if (openings.length === 0) {
    for (const problem of problems) stderr().write(`oprel: ${problem}\n`);
    return 2;
  }
  if (!app) {
    stderr().write(
      `oprel: the notebook UI needs a terminal.\nHint: to run notebooks without one, use 'oprel run ${paths.join(" ")}'.\n`,
    );
    return 2;
  }
  let registry: Registry;
  try {
    registry = Registry.open({ limitBytes: command.registryLimitBytes, dir: command.registryDir });
  } catch (error) {
    stderr().write(`oprel: ${error instanceof OprelError ? error.format() : String(error)}\n`);
    return 2;
  }
  const { startApp } = await app;
  try {
    return await startApp({
      openings,
      problems,
      python: command.python,
      kernelName: command.kernelName,
      gateway: command.gateway,
      registry,
    });
  } finally {
    registry.close();
  }
}

/** Imports the app with CI hidden from Ink, which checks it once, as it loads. */
async function loadApp(): Promise<typeof import("./app/start-app.js")> {
  const ci = process.env.CI;
  delete process.env.CI;
  try {
    return await import("./app/start-app.js");
  } finally {
    if (ci !== undefined) process.env.CI = ci;
  }
}
