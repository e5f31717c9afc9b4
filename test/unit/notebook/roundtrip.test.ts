// Lossless round trip, proven on every notebook of the corpus and on a notebook Jupyter writes
// here and now. Three references: the file's own bytes; what Jupyter (nbformat, run with Debian's
// Python) writes for the same notebook; and oprel's own output read and written again.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isOprelError } from "../../../src/errors.js";
import { loadNotebook, type ParsedNotebook, parseNotebook } from "../../../src/notebook/read.js";
import { originalMinor, serializeNotebook } from "../../../src/notebook/serialize.js";
import {
  CORPUS,
  corpusNotebooks,
  makeTempDir,
  readCorpus,
  runPython,
  runPythonFile,
} from "./helpers.js";

/** Files saved back byte for byte as they are (Jupyter-written nbformat 4.5). */
const IDENTICAL = ["nbclient/Error.ipynb", "nbformat/test4.5.ipynb"];

/**
 * Files that cannot come back byte for byte, and why. Unless listed in JUPYTER_REFUSES, oprel's
 * output still equals what Jupyter itself writes for them (given the same cell ids).
 */
const CHANGED: Record<string, string> = {
  "nbformat/invalid_cell_id.ipynb": "its cell id '$illegal_chars' is invalid and is replaced",
  "nbformat/invalid_unique_cell_id.ipynb":
    "two cells share the id 'dup'; the second gets a new one",
  "nbformat/v4_5_no_cell_id.ipynb": "an nbformat 4.5 cell without an id gets one",
  "nbformat/test3.ipynb": "nbformat 3, converted to 4.5",
  "nbformat/test3_no_metadata.ipynb": "nbformat 3 without metadata, converted to 4.5",
  "nbformat/test3_no_min_version.ipynb": "nbformat 3 without a minor version, converted to 4.5",
  "nbformat/test3_no_worksheets.ipynb": "nbformat 3 without worksheets, read as an empty notebook",
  "nbformat/test3_worksheet_with_no_cells.ipynb":
    "nbformat 3 worksheet without cells, read as an empty notebook",
  "nbformat/no_min_version.ipynb": "no nbformat_minor: read as 4.0, upgraded to 4.5",
};

/** Notebooks Jupyter refuses to read while oprel reads them (documented in upgrade-v3.ts). */
const JUPYTER_REFUSES = [
  "nbformat/test3_no_metadata.ipynb",
  "nbformat/test3_no_min_version.ipynb",
  "nbformat/test3_no_worksheets.ipynb",
  "nbformat/test3_worksheet_with_no_cells.ipynb",
];

/**
 * nbformat 4.0-4.4 files that Jupyter did not write in its own canonical form, so even Jupyter
 * writes them back differently. Saved in their original format, oprel writes what Jupyter writes.
 */
const NOT_CANONICAL: Record<string, string> = {
  "nbclient/Inline Image.ipynb":
    "image/png stored as a list of lines; Jupyter joins it into one string",
  "nbformat/test4.ipynb": "image/png stored as a list of lines; Jupyter joins it into one string",
  "nbformat/test4docinfo.ipynb":
    "image/png stored as a list of lines; Jupyter joins it into one string",
  "nbclient/Interrupt.ipynb": "indented with 4 spaces by another tool",
  "nbclient/Skip Exceptions with Cell Tags.ipynb": "indented with 4 spaces by another tool",
  "papermill/blank-vscode.ipynb": "written by VS Code: unsorted keys and a transient orig_nbformat",
  "papermill/gcs-simple_notebook.ipynb": "keys not sorted",
  "papermill/test_notebooknode_io.ipynb": "written without indentation",
};

/** Notebooks oprel refuses to read, with the error code. */
const REFUSED: Record<string, string> = {
  "nbclient/Output.ipynb": "NOTEBOOK_INVALID", // metadata.kernelspec lacks 'name' (nbformat agrees)
  "nbformat/invalid.ipynb": "NOTEBOOK_INVALID",
  "nbformat/v4_5_invalid_metadata.ipynb": "NOTEBOOK_INVALID",
  "nbformat/test4plus.ipynb": "NOTEBOOK_INVALID", // nbformat 4.99 with a 'future cell' type
  "nbformat/test2.ipynb": "NOTEBOOK_TOO_OLD",
};

interface Outcome {
  parsed?: ParsedNotebook;
  saved?: string;
  error?: unknown;
}

const outcomes = new Map<string, Outcome>();
let jupyter: Record<string, { text?: string; error?: string }> = {};

beforeAll(() => {
  for (const name of corpusNotebooks()) {
    try {
      const parsed = parseNotebook(readCorpus(name), name);
      outcomes.set(name, { parsed, saved: serializeNotebook(parsed.notebook) });
    } catch (error) {
      outcomes.set(name, { error });
    }
  }
  // One Python process writes every readable notebook the way Jupyter does, with oprel's ids.
  const jobs = [...outcomes].map(([name, outcome]) => ({
    path: join(CORPUS, name),
    ids: outcome.parsed ? outcome.parsed.notebook.cells.map((cell) => cell.id) : null,
  }));
  const script = new URL("./jupyter_write.py", import.meta.url).pathname;
  jupyter = JSON.parse(runPythonFile(script, JSON.stringify(jobs)));
});

function outcome(name: string): Required<Pick<Outcome, "parsed" | "saved">> {
  const result = outcomes.get(name);
  if (!result?.parsed || result.saved === undefined)
    throw new Error(`${name} was not read: ${String(result?.error)}`);
  return { parsed: result.parsed, saved: result.saved };
}

describe("the corpus round-trips", () => {
  const names = corpusNotebooks();

  it("covers every corpus notebook, and every listed name exists", () => {
    expect(names.length).toBeGreaterThan(60);
    for (const listed of [
      ...IDENTICAL,
      ...Object.keys(CHANGED),
      ...Object.keys(NOT_CANONICAL),
      ...Object.keys(REFUSED),
    ]) {
      expect(names).toContain(listed);
    }
  });

  it.each(IDENTICAL)("%s: saved with no edits, the bytes are the same", (name) => {
    expect(outcome(name).saved).toBe(readCorpus(name));
  });

  it.each(
    names.filter((name) => !(name in REFUSED) && !(name in CHANGED) && !IDENTICAL.includes(name)),
  )(
    "%s: nbformat 4.0-4.4, upgraded to 4.5; saved in its original format the bytes are Jupyter's",
    (name) => {
      const { parsed, saved } = outcome(name);
      expect(parsed.upgradedFrom).toMatch(/^4\.[0-4]$/);
      // Saved as 4.5 it gains an id per cell and cannot be the same bytes.
      expect(saved).not.toBe(readCorpus(name));
      const original = serializeNotebook(parsed.notebook, {
        nbformatMinor: originalMinor(parsed.upgradedFrom),
      });
      if (name in NOT_CANONICAL) {
        expect(original).not.toBe(readCorpus(name));
        expect(original).toBe(jupyterWithoutIds(name));
      } else {
        expect(original).toBe(readCorpus(name));
      }
    },
  );

  it.each(names.filter((name) => !(name in REFUSED)))(
    "%s: the output is what Jupyter writes",
    (name) => {
      const reference = jupyter[join(CORPUS, name)];
      if (JUPYTER_REFUSES.includes(name)) {
        expect(reference?.error).toBeDefined();
        return;
      }
      expect(reference?.error).toBeUndefined();
      expect(outcome(name).saved).toBe(reference?.text);
    },
  );

  it.each(names.filter((name) => !(name in REFUSED)))(
    "%s: saving the saved file again changes nothing",
    (name) => {
      const { saved } = outcome(name);
      const again = parseNotebook(saved, name);
      expect(again.warnings).toEqual([]);
      expect(again.upgradedFrom).toBeUndefined();
      expect(serializeNotebook(again.notebook)).toBe(saved);
    },
  );

  it.each(Object.entries(REFUSED))("%s is refused with %s", (name, code) => {
    const result = outcomes.get(name);
    expect(isOprelError(result?.error, code as never)).toBe(true);
  });

  it.each(Object.entries(CHANGED))("%s changes on saving: %s", (name) => {
    expect(outcome(name).saved).not.toBe(readCorpus(name));
  });

  it("reads an nbformat 3 notebook without metadata as the same cells as with it", () => {
    const withMetadata = outcome("nbformat/test3.ipynb").parsed.notebook.cells;
    const without = outcome("nbformat/test3_no_metadata.ipynb").parsed.notebook.cells;
    const withoutIds = (cells: typeof without) => cells.map(({ id: _, ...rest }) => rest);
    expect(withoutIds(without)).toEqual(withoutIds(withMetadata));
  });
});

/** What Jupyter writes for the file as it is (no upgrade, no ids). */
function jupyterWithoutIds(name: string): string {
  return runPython(
    "import sys, nbformat, logging, warnings\nlogging.disable(50)\nwarnings.simplefilter('ignore')\n" +
      "nb = nbformat.read(sys.stdin, as_version=4)\n" +
      "text = nbformat.writes(nb)\nsys.stdout.write(text if text.endswith('\\n') else text + '\\n')",
    readCorpus(name),
  );
}

describe("a notebook Jupyter writes now, full of tricky content", () => {
  const folder = makeTempDir();
  afterAll(folder.remove);

  it("loads and saves to the same bytes", async () => {
    const path = join(folder.path, "tricky.ipynb");
    runPython(TRICKY_NOTEBOOK, path);
    const original = readFileSync(path, "utf8");
    const loaded = await loadNotebook(path);
    expect(loaded.warnings).toEqual([]);
    expect(loaded.upgradedFrom).toBeUndefined();
    const saved = serializeNotebook(loaded.notebook);
    expect(saved).toBe(original);
    // The content survived as content, not just as bytes.
    const markdown = loaded.notebook.cells[1];
    expect(markdown?.cell_type === "markdown" && markdown.attachments).toBeTruthy();
    writeFileSync(join(folder.path, "again.ipynb"), saved);
    expect(runPython(VALIDATE_WITH_NBFORMAT, join(folder.path, "again.ipynb"))).toBe("valid\n");
  });
});

const VALIDATE_WITH_NBFORMAT = `
import sys, nbformat
nbformat.validate(nbformat.read(sys.stdin.read().strip(), as_version=4))
print("valid")
`;

/** Python that writes a notebook with nbformat to the path given on stdin. */
const TRICKY_NOTEBOOK = `
import sys, nbformat
from nbformat.v4 import new_notebook, new_code_cell, new_markdown_cell, new_raw_cell, new_output
path = sys.stdin.read().strip()
nb = new_notebook(metadata={
    "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel) – ünïcödé"},
    "floats": [1.0, 0.0, -0.0, 1e-05, 1e16, 1.5e300, 0.1, 2.5, 100.0, 123456789.125],
    "ints": [0, -1, 2**53 + 1, 2**70, -(10**25)],
    "nested": {"z": {"deep": [{"b": None, "a": True}], "empty_list": [], "empty_dict": {}}, "A": "x", "é": "e", "😀": "emoji"},
    "odd keys": {"": 1, "key with spaces": 2, "10": 3, "9": 4, "\\uffff": 5, "\\U0001F600": 6},
})
nb.cells = [
    new_code_cell(
        source="print('héllo wörld 😀')\\r\\nx = 1.0  # CRLF line\\rold mac line\\n\\u2028sep\\x0cformfeed\\n",
        execution_count=3,
        metadata={"tags": ["parameters", "ünï"], "collapsed": False, "scrolled": "auto", "custom": {"ratio": 0.5, "n": 2.0}},
        outputs=[
            new_output("stream", name="stdout", text="progress 10%\\rprogress 100%\\n\\x1b[31mred\\x1b[0m \\x00\\x07\\x7f\\n"),
            new_output("stream", name="stderr", text="no newline at end"),
            new_output("execute_result", execution_count=3, data={
                "text/plain": "1.0\\n2.0",
                "text/html": "<b>bold</b>\\n<i>é</i>\\n",
                "application/json": {"a": [1.0, 2, "x\\ny"], "nested": {"f": 1e-07}},
                "application/vnd.custom+json": {"list": [1.5, None, True]},
                "image/png": "iVBORw0KGgo=\\n",
                "image/svg+xml": "<svg>\\n<rect/>\\n</svg>",
                "application/javascript": "console.log(1);\\nconsole.log(2);",
                "application/x-unknown": "kept\\nas one string",
                "text/x-custom": "line1\\nline2\\n",
            }, metadata={"image/png": {"width": 640.0, "height": 480}, "isolated": True}),
            new_output("display_data", data={"text/plain": ""}, metadata={}),
            new_output("error", ename="ZeroDivisionError", evalue="division by zero ✗",
                       traceback=["\\x1b[0;31m---\\x1b[0m", "line \\"quoted\\" \\\\ backslash", ""]),
        ],
    ),
    new_markdown_cell(source="# Títle\\n\\n![img](attachment:pic.png)\\n", attachments={
        "pic.png": {"image/png": "iVBORw0KGgo=", "text/plain": "alt\\ntext"},
    }, metadata={"jupyter": {"source_hidden": True}}),
    new_raw_cell(source="", metadata={"format": "text/restructuredtext"}),
    new_code_cell(source="", execution_count=None),
    new_markdown_cell(source="no trailing newline"),
]
nbformat.validate(nb)
nbformat.write(nb, path)
`;
