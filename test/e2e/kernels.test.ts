// Notebooks in Jupyter kernels in the terminal UI: an R notebook runs in Debian's IRkernel with R
// highlighting and "R · ir" in the status line; a notebook whose kernel is not installed opens
// anyway, says so, and runs in the kernel the user picks, which the saved file records; a kernel
// on a Jupyter gateway shows the gateway's host.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type JupyterServer, startJupyterServer } from "../support/jupyter-server.js";
import type { TestTerminal } from "./harness.js";
import { commandMode, keyboardReady, openOprel, SLOW, scratchFolder } from "./oprel.js";

/** R and IRkernel start in a few seconds on an idle machine; the suite shares two cores. */
const R_START = { timeout: 45_000 };

/** Writes a one-cell notebook naming `kernelspec` and opens it; resolves at its first paint. */
async function openKernelNotebook(
  name: string,
  kernelspec: Record<string, string>,
  source: string,
  options: { args?: string[]; env?: Record<string, string | undefined> } = {},
): Promise<{ t: TestTerminal; path: string }> {
  const dir = scratchFolder();
  const path = join(dir, name);
  const cell = {
    cell_type: "code",
    id: "c0",
    metadata: {},
    source,
    outputs: [],
    execution_count: null,
  };
  writeFileSync(
    path,
    JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: { kernelspec }, cells: [cell] }),
  );
  const t = await openOprel([...(options.args ?? []), path], dir, { env: options.env });
  await t.waitForText(name, SLOW);
  return { t, path };
}

/** In the open kernel picker: presses the digit of IRkernel, then waits until R is idle. */
async function pickR(t: TestTerminal): Promise<void> {
  const key = /(\d) R · ir/.exec(t.text())?.[1];
  expect(key).toBeDefined();
  t.press(key as string);
  await t.waitForText("R · ir", R_START);
  await t.waitForText(/\bidle\b/, R_START);
}

/** The cell runs (Shift+Enter), its output appears and it ends (its execution count shows). */
async function runFirstCell(t: TestTerminal, output: string): Promise<void> {
  await keyboardReady(t);
  t.press("shift+enter");
  await t.waitForText(output, R_START);
  await t.waitForText("[1]:", R_START);
}

describe("Jupyter kernels in the terminal UI", { timeout: 120_000 }, () => {
  it("runs an R notebook in IRkernel, names it in the status line and highlights R", async () => {
    const { t, path } = await openKernelNotebook(
      "stats.ipynb",
      { name: "ir", display_name: "R", language: "R" },
      "square <- function(x) x * x\ncat('R says', square(7), '\\n')",
    );
    await t.waitForText("R · ir", R_START);
    // `function` is an R keyword (magenta), not Python's: the source is highlighted as R.
    expect(t.foregroundOf("function")).toBe(5);
    await t.waitForText(/\bidle\b/, R_START);
    await runFirstCell(t, "R says 49");
    await commandMode(t); // Shift+Enter on the last cell added one below and edits it
    // %share needs oprel's worker: the registry says so in one sentence, and nothing breaks.
    t.press("shift+v");
    t.press("s");
    await t.waitForText("The shared registry works with oprel's Python worker", SLOW);
    t.press("escape");
    await t.waitForNoText("Shared registry");
    t.press("shift+r");
    t.press("a");
    await t.waitForText("[2]:", R_START); // the cell ran again: the kernel still answers
    await t.waitForText("[3]:", R_START); // and the empty cell below it: the run is over
    t.press("ctrl+s");
    await t.waitForNoText("stats.ipynb*", SLOW);
    // The file named only the kernelspec; the save adds the language_info IRkernel reports.
    const saved = JSON.parse(readFileSync(path, "utf8")) as {
      metadata: { language_info: unknown };
    };
    expect(saved.metadata.language_info).toMatchObject({ name: "R", file_extension: ".r" });
  });

  it("opens a notebook whose kernel is missing, offers the installed ones, and records the pick", async () => {
    const { t, path } = await openKernelNotebook(
      "orphan.ipynb",
      { name: "no-such-kernel", display_name: "Nowhere 1.0", language: "nowhere" },
      "cat('picked', 6 * 7, '\\n')",
    );
    await t.waitForText("No Jupyter kernel named 'no-such-kernel' is installed", SLOW);
    await t.waitForText(/installed: [^)]*\bir\b/);
    // The picker: oprel's worker on "w", each installed kernel on a digit.
    await t.waitForText("w Python · oprel worker");
    await pickR(t);
    await t.waitForText("orphan.ipynb*"); // the change of kernel is unsaved, as in JupyterLab
    await runFirstCell(t, "picked 42");
    t.press("ctrl+s");
    await t.waitForNoText("orphan.ipynb*", SLOW);
    const saved = JSON.parse(readFileSync(path, "utf8")) as {
      metadata: { kernelspec: unknown; language_info: unknown };
      cells: { outputs: { text?: string | string[] }[] }[];
    };
    expect(saved.metadata.kernelspec).toEqual({ name: "ir", display_name: "R", language: "R" });
    // The language_info IRkernel reports, as JupyterLab records it.
    expect(saved.metadata.language_info).toMatchObject({ name: "R", file_extension: ".r" });
    const text = saved.cells[0]?.outputs.map((o) => [o.text ?? ""].flat().join("")).join("");
    expect(text).toContain("picked 42");
  });

  it("asks about a missing kernel over that notebook, when it is not the first one opened", async () => {
    const dir = scratchFolder();
    const notebook = (kernelspec: Record<string, string>, source: string) =>
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: { kernelspec },
        cells: [
          { cell_type: "code", id: "c0", metadata: {}, source, outputs: [], execution_count: null },
        ],
      });
    const python = { name: "python3", display_name: "Python 3", language: "python" };
    writeFileSync(join(dir, "first.ipynb"), notebook(python, "print('first notebook')"));
    const missing = { name: "no-such-kernel", display_name: "Nowhere", language: "nowhere" };
    writeFileSync(join(dir, "second.ipynb"), notebook(missing, "cat('second notebook')"));
    const t = await openOprel([join(dir, "first.ipynb"), join(dir, "second.ipynb")], dir);
    await t.waitForText("Run second.ipynb in which kernel?", SLOW);
    // The notebook the question is about is the one on screen.
    await t.waitForText("cat('second notebook')");
    expect(t.text()).not.toContain("print('first notebook')");
    await pickR(t);
    await runFirstCell(t, "second notebook");
  });

  it("changes kernel with Shift+C: a Python notebook moves from the worker to R", async () => {
    const { t } = await openKernelNotebook(
      "switch.ipynb",
      { name: "python3", display_name: "Python 3", language: "python" },
      "print('still python')",
    );
    await t.waitForText(/Python [\d.]+ · oprel worker/, SLOW);
    await t.waitForText(/\bidle\b/, SLOW);
    await keyboardReady(t);
    t.press("shift+c");
    await t.waitForText("Run switch.ipynb in which kernel?", SLOW);
    await t.waitForText("Python · oprel worker (now)");
    await pickR(t);
    t.press("shift+enter");
    // print('still python') is R too, and prints a character vector.
    await t.waitForText('[1] "still python"', R_START);
  });
});

describe("--kernel in the terminal UI", { timeout: 60_000 }, () => {
  it("runs a Python notebook in the kernel --kernel names, and highlights in its language", async () => {
    const { t } = await openKernelNotebook(
      "forced.ipynb",
      { name: "python3", display_name: "Python 3", language: "python" },
      "describe <- function() cat('forced into', R.version$language, '\\n')\ndescribe()",
      { args: ["--kernel", "ir"] },
    );
    await t.waitForText("R · ir", R_START);
    await t.waitFor(() => t.foregroundOf("function") === 5, "R highlighting", SLOW);
    await t.waitForText(/\bidle\b/, R_START);
    await runFirstCell(t, "forced into R");
  });
});

describe("a gateway's kernels in the terminal UI", { timeout: 120_000 }, () => {
  let server: JupyterServer;
  beforeAll(async () => {
    server = await startJupyterServer();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("runs an R notebook on the gateway, names its host, and shuts the kernel down on quit", async () => {
    const { t } = await openKernelNotebook(
      "remote.ipynb",
      { name: "ir", display_name: "R", language: "R" },
      "cat('remote', 6 * 7, '\\n')",
      {
        args: ["--gateway", server.url],
        env: { OPREL_GATEWAY_URL: undefined, OPREL_GATEWAY_TOKEN: server.token },
      },
    );
    const host = new URL(server.url).host;
    await t.waitForText(`R · ir @ ${host}`, R_START);
    await t.waitForText(/\bidle\b/, R_START);
    expect(await server.kernels()).toHaveLength(1);
    await runFirstCell(t, "remote 42");
    expect(t.text()).not.toContain(server.token);
    await commandMode(t);
    t.press("q");
    await t.waitForText("Unsaved changes", SLOW);
    t.press("d");
    expect(await t.exit(SLOW)).toMatchObject({ exitCode: 0 });
    expect(await server.kernels()).toEqual([]);
  });

  it("offers the gateway's kernels on Shift+C, not the local ones, and moves the notebook to R there", async () => {
    const env = { OPREL_GATEWAY_URL: undefined, OPREL_GATEWAY_TOKEN: server.token };
    const { t } = await openKernelNotebook(
      "remote-switch.ipynb",
      { name: "python3", display_name: "Python 3", language: "python" },
      "print('on R now')",
      { args: ["--gateway", server.url], env },
    );
    const host = new URL(server.url).host;
    await t.waitForText(`Python · python3 @ ${host}`, R_START);
    await t.waitForText(/\bidle\b/, R_START);
    await keyboardReady(t);
    t.press("shift+c");
    await t.waitForText("Run remote-switch.ipynb in which kernel?", SLOW);
    await t.waitForText(`R · ir @ ${host}`);
    expect(t.text()).not.toContain("oprel worker");
    const key = new RegExp(`(\\d) R · ir @ ${host}`).exec(t.text())?.[1];
    expect(key).toBeDefined();
    t.press(key as string);
    await t.waitForText(`R · ir @ ${host}`, R_START);
    await t.waitForText(/\bidle\b/, R_START);
    await runFirstCell(t, '[1] "on R now"');
  });
});
