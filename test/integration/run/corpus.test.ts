// papermill's own test notebooks, copied to a temporary folder, through oprel run.

import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  CORPUS,
  codeCells,
  ensureBuilt,
  readNotebook,
  runCli,
  streamText,
  tempDir,
  text,
} from "./helpers.js";

beforeAll(() => ensureBuilt(), 180_000);

function copy(name: string): string {
  const dir = tempDir();
  const path = join(dir, name);
  copyFileSync(join(CORPUS, "papermill", name), path);
  return path;
}

describe("oprel run on papermill's notebooks", () => {
  it("simple_execute: injects msg after the parameters cell", async () => {
    const path = copy("simple_execute.ipynb");
    const run = await runCli(["run", path, "-p", "msg", "Hello"]);
    expect(run.exitCode).toBe(0);
    const nb = readNotebook(path);
    expect(nb.cells[1]?.metadata.tags).toEqual(["injected-parameters"]);
    expect(text(nb.cells[1]?.source)).toBe('# Parameters\nmsg = "Hello"\n');
    expect(streamText(nb.cells[2])).toBe("Hello\n");
  });

  it("complex_parameters: coerces -p a to the annotated float default", async () => {
    const path = copy("complex_parameters.ipynb");
    const run = await runCli(["run", path, "-p", "a", "3", "-p", "msg", "x"]);
    // Its parameters cell ends with a deliberately broken line ("= 2"), so the run fails there.
    expect(run.exitCode).toBe(1);
    const nb = readNotebook(path);
    expect(codeCells(nb)[0]?.outputs?.[0]?.ename).toBe("SyntaxError");
    const injected = nb.cells.find((c) => c.metadata.tags?.includes("injected-parameters"));
    expect(text(injected?.source)).toBe('# Parameters\na = 3.0\nmsg = "x"\n');
  });

  it("nb_version_4.4: upgrades, injects and runs", async () => {
    const path = copy("nb_version_4.4.ipynb");
    const run = await runCli(["run", path, "-p", "var", "2"]);
    expect(run.exitCode).toBe(0);
    expect(streamText(codeCells(readNotebook(path))[2])).toBe("2\n");
  });

  it("no_parameters: injects at the top with a warning", async () => {
    const path = copy("no_parameters.ipynb");
    const run = await runCli(["run", path, "-p", "msg", "top"]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("no cell tagged 'parameters'");
    const nb = readNotebook(path);
    expect(nb.cells[0]?.metadata.tags).toEqual(["injected-parameters"]);
    expect(streamText(nb.cells[2])).toBe("None\n");
  });

  it("broken1: replaces the old error markers with new ones", async () => {
    const path = copy("broken1.ipynb");
    const run = await runCli(["run", path]);
    expect(run.exitCode).toBe(1);
    const nb = readNotebook(path);
    const markers = nb.cells.filter((c) => c.metadata.tags?.includes("papermill-error-cell-tag"));
    expect(markers).toHaveLength(2);
    expect(text(nb.cells[0]?.source)).toContain("In [2]");
    const anchorIndex = nb.cells.findIndex((c) =>
      text(c.source).includes('id="papermill-error-cell"'),
    );
    expect(text(nb.cells[anchorIndex + 1]?.source)).toBe("assert False");
  });

  it("sysexit0 and systemexit stop cleanly; sysexit1 fails", async () => {
    for (const [name, code] of [
      ["sysexit0.ipynb", 0],
      ["systemexit.ipynb", 0],
      ["sysexit1.ipynb", 1],
    ] as const) {
      const path = copy(name);
      const run = await runCli(["run", path]);
      expect(run.exitCode, name).toBe(code);
      const cells = codeCells(readNotebook(path));
      expect(cells[1]?.outputs?.[0]?.ename).toBe("SystemExit");
      expect(cells[2]?.execution_count).toBeNull();
    }
  });

  it("line_magic_error: an unknown magic fails the cell", async () => {
    const path = copy("line_magic_error.ipynb");
    const run = await runCli(["run", path]);
    expect(run.exitCode).toBe(1);
    expect(text(readNotebook(path).cells[0]?.source)).toContain("In [1]");
  });
});
