// IPython.display and IPython.core.error in notebooks: oprel's shim where IPython is missing (a bare
// venv), and the real IPython (8.12 in the PATH python3, 8.5 in Debian's python3) routed to the worker.

import { describe, expect, it } from "vitest";
import {
  bareVenvPython,
  displays,
  errorOf,
  ok,
  resultData,
  run,
  SYSTEM_PYTHON,
  startKernel,
  updates,
  usageError,
} from "./helpers.js";

const PNG_1x1 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==";

const BARE_PYTHON = bareVenvPython();

describe.each([
  { label: "shim (no IPython installed)", python: BARE_PYTHON, ipythonPath: /\/shim\/IPython\// },
  { label: "real IPython 8.12", python: "python3", ipythonPath: /site-packages\/IPython\// },
  { label: "real IPython 8.5", python: SYSTEM_PYTHON, ipythonPath: /dist-packages\/IPython\// },
])("IPython with the $label", ({ python, ipythonPath }) => {
  it("imports every common name and shows rich objects as Jupyter does", async () => {
    const kernel = await startKernel({ python });
    const cell = await ok(
      kernel,
      [
        "from IPython.display import (display, HTML, Markdown, Image, SVG, JSON, Latex, Math,",
        "    Javascript, clear_output, update_display)",
        "import IPython, base64",
        "print(IPython.__file__)",
        "display(HTML('<b>x</b>'), Markdown('*m*'))",
        `display(Image(data=base64.b64decode('${PNG_1x1}'), width=40))`,
        "display(SVG('<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>'))",
        "display(JSON({'a': [1, 2]}))",
        "display(Latex('$a$'), Javascript('console.log(1)'))",
        "Math('x^2')",
      ].join("\n"),
    );
    expect(cell.stdout).toMatch(ipythonPath);
    // IPython 8.5 ends its base64 with a newline (Jupyter keeps it); later versions do not.
    const shown = displays(cell).map((event) => {
      const data = { ...event.data };
      if (typeof data["image/png"] === "string") data["image/png"] = data["image/png"].trimEnd();
      return [data, event.metadata];
    });
    expect(shown).toEqual([
      [{ "text/html": "<b>x</b>", "text/plain": "<IPython.core.display.HTML object>" }, {}],
      [{ "text/markdown": "*m*", "text/plain": "<IPython.core.display.Markdown object>" }, {}],
      [
        { "image/png": PNG_1x1, "text/plain": "<IPython.core.display.Image object>" },
        { "image/png": { width: 40 } },
      ],
      [
        {
          "image/svg+xml": '<svg xmlns="http://www.w3.org/2000/svg"/>',
          "text/plain": "<IPython.core.display.SVG object>",
        },
        {},
      ],
      [
        { "application/json": { a: [1, 2] }, "text/plain": "<IPython.core.display.JSON object>" },
        { "application/json": { expanded: false, root: "root" } },
      ],
      [{ "text/latex": "$a$", "text/plain": "<IPython.core.display.Latex object>" }, {}],
      [
        {
          "application/javascript": "console.log(1)",
          "text/plain": "<IPython.core.display.Javascript object>",
        },
        {},
      ],
    ]);
    expect(resultData(cell)).toEqual({
      "text/latex": "$\\displaystyle x^2$",
      "text/plain": "<IPython.core.display.Math object>",
    });
  });

  it("routes clear_output, display ids and publish_display_data to the worker", async () => {
    const kernel = await startKernel({ python });
    const cell = await ok(
      kernel,
      [
        "from IPython import display",
        "from IPython.display import update_display, clear_output, publish_display_data",
        "display.display('first', display_id='d1')",
        "update_display('second', display_id='d1')",
        "clear_output(wait=True)",
        "publish_display_data({'text/plain': 'raw', 'text/html': '<p>raw</p>'})",
        "handle = display.DisplayHandle('d2')",
        "handle.display('third'); handle.update('fourth')",
      ].join("\n"),
    );
    const kinds = cell.events.map((event) => event.type).filter((k) => k !== "status");
    expect(kinds).toEqual([
      "display",
      "update_display",
      "clear_output",
      "display",
      "display",
      "update_display",
      "done",
    ]);
    expect(displays(cell).map((event) => [event.data["text/plain"], event.display_id])).toEqual([
      ["'first'", "d1"],
      ["raw", null],
      ["'third'", "d2"],
    ]);
    expect(updates(cell).map((event) => [event.data["text/plain"], event.display_id])).toEqual([
      ["'second'", "d1"],
      ["'fourth'", "d2"],
    ]);
  });

  it("shows IPython.display.Pretty through its _repr_pretty_; IPython.lib.pretty imports", async () => {
    const kernel = await startKernel({ python });
    const cell = await ok(
      kernel,
      [
        "from IPython.display import Pretty",
        "from IPython.lib.pretty import pretty, RawText",
        "print(repr(Pretty('x')), pretty([RawText('raw'), int]))",
        "Pretty('pretty text')",
      ].join("\n"),
    );
    expect(cell.stdout).toBe("<IPython.core.display.Pretty object> [raw, int]\n");
    expect(resultData(cell)).toEqual({ "text/plain": "pretty text" });
  });

  it("lets IPython.core.magic register magics and get_ipython() answer", async () => {
    const kernel = await startKernel({ python });
    await ok(
      kernel,
      [
        "from IPython import get_ipython",
        "from IPython.core.magic import register_line_magic, register_cell_magic",
        "@register_line_magic",
        "def shout(line):",
        "    return line.upper()",
        "@register_cell_magic('twice')",
        "def twice(line, cell):",
        "    print(cell * 2, end='')",
      ].join("\n"),
    );
    const cell = await ok(kernel, "word = 'hey'\n%shout {word} there");
    expect(resultData(cell)?.["text/plain"]).toBe("'HEY THERE'");
    expect((await ok(kernel, "%%twice\nab")).stdout).toBe("ab\nab\n");
    expect((await ok(kernel, "print(type(get_ipython()).__name__)")).stdout).toBe("OprelIPython\n");
  });

  it("raises IPython.core.error's StdinNotImplementedError for a refused input(), as Jupyter does", async () => {
    const kernel = await startKernel({ python });
    const cell = await ok(
      kernel,
      [
        "from IPython.core.error import StdinNotImplementedError",
        "try:",
        "    input()",
        "except StdinNotImplementedError as e:",
        "    print('caught', type(e).__module__, e)",
      ].join("\n"),
    );
    expect(cell.stdout).toBe(
      "caught IPython.core.error raw_input was called, but this frontend does not support input requests.\n",
    );
    const uncaught = await run(kernel, "import getpass\ngetpass.getpass()");
    expect(errorOf(uncaught)).toMatchObject({
      ename: "StdinNotImplementedError",
      evalue: "getpass was called, but this frontend does not support input requests.",
    });
  });

  it("shows IPython.core.error's UsageError on one stderr line, as IPython does", async () => {
    const kernel = await startKernel({ python });
    const cell = await run(kernel, "import IPython.core.error as e\nraise e.UsageError('bad use')");
    expect(usageError(cell)).toBe("bad use");
  });
});
