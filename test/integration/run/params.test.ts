// Parameters end to end: papermill's injected cell, typed values, coercion and refusal.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  codeCells,
  ensureBuilt,
  readNotebook,
  runCli,
  streamText,
  tempDir,
  text,
  writeNotebook,
} from "./helpers.js";

beforeAll(() => ensureBuilt(), 180_000);

const PARAMS = "epochs = 10  # passes\nrate = 0.5\nname = 'adam'\nverbose = False\nextra = None";
const SHOW =
  "for k in ['epochs', 'rate', 'name', 'verbose', 'extra']:\n    v = globals()[k]\n    print(k, type(v).__name__, repr(v))";

describe("oprel run: parameters", () => {
  it("injects typed values right after the parameters cell and records them", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "p.ipynb", [
      "print('first')",
      { source: PARAMS, tags: ["parameters"] },
      SHOW,
    ]);
    const yaml = join(dir, "p.yaml");
    writeFileSync(
      yaml,
      'extra:\n  layers: [64, 32]\n  note: "quote \\" and backslash \\\\ and caf\u00e9"\n',
    );
    const run = await runCli([
      "run",
      path,
      "-p",
      "epochs",
      "20",
      "-p",
      "rate",
      "1",
      "-r",
      "name",
      "123",
      "-p",
      "verbose",
      "True",
      "-f",
      yaml,
    ]);
    expect(run.exitCode).toBe(0);
    const nb = readNotebook(path);
    expect(nb.cells.map((c) => c.metadata.tags ?? [])).toEqual([
      [],
      ["parameters"],
      ["injected-parameters"],
      [],
    ]);
    const injected = nb.cells[2];
    expect(text(injected?.source)).toBe(
      '# Parameters\nepochs = 20\nrate = 1.0\nname = "123"\nverbose = True\nextra = {"layers": [64, 32], "note": "quote \\" and backslash \\\\ and caf\\xe9"}\n',
    );
    expect(streamText(codeCells(nb)[3])).toBe(
      "epochs int 20\nrate float 1.0\nname str '123'\nverbose bool True\n" +
        "extra dict {'layers': [64, 32], 'note': 'quote \" and backslash \\\\ and café'}\n",
    );
    expect(nb.metadata.papermill?.parameters).toEqual({
      epochs: 20,
      rate: 1,
      name: "123",
      verbose: true,
      extra: { layers: [64, 32], note: 'quote " and backslash \\ and café' },
    });
  });

  it("replaces an earlier injected cell, keeping its place and id", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "again.ipynb", [
      { source: PARAMS, tags: ["parameters"] },
      SHOW,
    ]);
    expect((await runCli(["run", path, "-p", "epochs", "1"])).exitCode).toBe(0);
    const first = readNotebook(path);
    const injectedId = first.cells[1]?.id;
    expect((await runCli(["run", path, "-y", "epochs: 2\nname: sgd"])).exitCode).toBe(0);
    const nb = readNotebook(path);
    expect(nb.cells).toHaveLength(3);
    expect(nb.cells[1]?.id).toBe(injectedId);
    expect(text(nb.cells[1]?.source)).toBe('# Parameters\nepochs = 2\nname = "sgd"\n');
    expect(streamText(codeCells(nb)[2])).toContain("epochs int 2\n");
  });

  it("injects at the top with a warning when there is no parameters cell", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "noparams.ipynb", ["print(msg)"]);
    const run = await runCli(["run", path, "-p", "msg", "hello"]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("no cell tagged 'parameters'");
    expect(run.stdout).toContain("Unknown parameter 'msg'");
    const nb = readNotebook(path);
    expect(nb.cells[0]?.metadata.tags).toEqual(["injected-parameters"]);
    expect(streamText(nb.cells[1])).toBe("hello\n");
  });

  it("keeps later sources over earlier ones, in command-line order", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "order.ipynb", [
      { source: PARAMS, tags: ["parameters"] },
      "print(epochs, rate)",
    ]);
    const run = await runCli([
      "run",
      path,
      "-y",
      "epochs: 5\nrate: 0.1",
      "-p",
      "epochs",
      "7",
      "-y",
      "rate: 2.5e-3",
    ]);
    expect(run.exitCode).toBe(0);
    expect(streamText(codeCells(readNotebook(path))[2])).toBe("7 0.0025\n");
  });

  it("passes infinities, NaN, None, unicode and newlines as Python values", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "odd.ipynb", [
      { source: "a = 1.0\nb = 0.0\nc = 'x'\nd = 1", tags: ["parameters"] },
      "print(repr(a), repr(b), repr(c), repr(d))",
    ]);
    const run = await runCli([
      "run",
      path,
      "-p",
      "a",
      "inf",
      "-p",
      "b",
      "nan",
      "-p",
      "c",
      "line1\nline2 \u2603 'q' \"dq\"",
      "-p",
      "d",
      "None",
    ]);
    expect(run.exitCode).toBe(0);
    expect(streamText(codeCells(readNotebook(path))[2])).toBe(
      `inf nan 'line1\\nline2 \u2603 \\'q\\' "dq"' None\n`,
    );
  });

  it("refuses a value that does not fit the default, before running anything", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "bad.ipynb", [
      { source: PARAMS, tags: ["parameters"] },
      "print('ran')",
    ]);
    const original = readFileSync(path, "utf8");
    const run = await runCli(["run", path, "-p", "epochs", "ten"]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("-p epochs 'ten': expected an int like the default 10.");
    expect(run.stderr).toContain("Hint:");
    expect(readFileSync(path, "utf8")).toBe(original);
  });

  it("warns about unknown names, and refuses them with --strict-params", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "strict.ipynb", [
      { source: PARAMS, tags: ["parameters"] },
      "print(epoch)",
    ]);
    const loose = await runCli(["run", "--no-save", path, "-p", "epoch", "3"]);
    expect(loose.exitCode).toBe(0);
    expect(loose.stdout).toContain(
      "warning: Unknown parameter 'epoch': the parameters cell does not define it.",
    );
    const strict = await runCli(["run", "--strict-params", path, "-p", "epoch", "3"]);
    expect(strict.exitCode).toBe(2);
    expect(strict.stderr).toContain("Unknown parameter 'epoch'");
  });

  it("reports bad YAML as a usage error", async () => {
    const dir = tempDir();
    const path = writeNotebook(dir, "y.ipynb", ["1"]);
    const run = await runCli(["run", path, "-y", "a: [1"]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("The YAML given by -y is not valid");
  });
});
