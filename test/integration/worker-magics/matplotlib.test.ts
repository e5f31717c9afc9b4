// Figures as Jupyter's inline backend shows them (Debian's python3 has matplotlib 3.6), and nothing
// breaks where matplotlib is missing (a bare virtual environment).

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
  stream,
} from "./helpers.js";

/** Width and height of a base64 PNG, from its IHDR chunk. */
function pngSize(base64: unknown): [number, number] {
  const raw = Buffer.from(String(base64), "base64");
  expect(raw.subarray(1, 4).toString("latin1")).toBe("PNG");
  return [raw.readUInt32BE(16), raw.readUInt32BE(20)];
}

describe("matplotlib with the worker's backend", () => {
  it("selects the backend without leaking MPLBACKEND to child processes", async () => {
    const kernel = await startKernel({ python: SYSTEM_PYTHON });
    const cell = await ok(
      kernel,
      "import matplotlib, os\nprint(matplotlib.get_backend(), os.environ.get('MPLBACKEND'))\n" +
        `!${SYSTEM_PYTHON} -c "import matplotlib.pyplot as p; p.plot([1]); p.savefig('/dev/null', format='png'); print('child ok')"`,
    );
    expect(cell.stdout).toBe("module://oprel_mpl_backend None\nchild ok\n");
  });

  it("plt.show() displays each open figure once, as PNG plus Jupyter's text", async () => {
    const kernel = await startKernel({ python: SYSTEM_PYTHON });
    const cell = await ok(
      kernel,
      "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.figure()\nplt.bar([1], [2])\n" +
        "plt.show()\nprint('after')",
    );
    const shown = displays(cell);
    expect(shown).toHaveLength(2);
    for (const event of shown) {
      expect(event.data["text/plain"]).toBe("<Figure size 640x480 with 1 Axes>");
      // matplotlib-inline's defaults: the figure's 100 dpi and a tight bounding box (Jupyter: 556x413).
      expect(pngSize(event.data["image/png"])).toEqual([556, 413]);
      expect(event.metadata).toEqual({});
    }
    // Shown before the print that follows, and not again at the end of the cell.
    const kinds = cell.events.map((event) => event.type);
    expect(kinds.lastIndexOf("display")).toBeLessThan(kinds.indexOf("stream"));
    expect(displays(await ok(kernel, "plt.get_fignums()"))).toEqual([]);
  });

  it("shows figures left open at the end of the cell, then closes them", async () => {
    const kernel = await startKernel({ python: SYSTEM_PYTHON });
    const cell = await ok(
      kernel,
      "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([3, 1, 2]);\nprint('drawn')",
    );
    expect(cell.stdout).toBe("drawn\n");
    expect(displays(cell)).toHaveLength(1);
    const kinds = cell.events.map((event) => event.type);
    expect(kinds.indexOf("display")).toBeGreaterThan(kinds.indexOf("stream"));
    const next = await ok(kernel, "print(plt.get_fignums())");
    expect(next.stdout).toBe("[]\n");
    expect(displays(next)).toEqual([]);
  });

  it("a figure as the cell's value is an image result once pyplot has made one, as in Jupyter", async () => {
    const kernel = await startKernel({ python: SYSTEM_PYTHON });
    const make =
      "from matplotlib.figure import Figure\nfig = Figure()\nfig.add_subplot().plot([1, 2])\nfig";
    // Before pyplot drew anything Jupyter has no figure formatter either: text only.
    expect(resultData(await ok(kernel, make))).toEqual({
      "text/plain": "<Figure size 640x480 with 1 Axes>",
    });
    // A pyplot figure as the value: the result and, still open at the end, a display (Jupyter shows both).
    const cell = await ok(
      kernel,
      "import matplotlib.pyplot as plt\npfig, ax = plt.subplots()\nax.plot([1, 2])\npfig",
    );
    expect(resultData(cell)?.["text/plain"]).toBe("<Figure size 640x480 with 1 Axes>");
    expect(pngSize(resultData(cell)?.["image/png"])).toEqual([547, 413]);
    expect(displays(cell)).toHaveLength(1);
    // From then on any Figure shows as an image, and one outside pyplot is not shown again.
    const later = await ok(kernel, make);
    expect(pngSize(resultData(later)?.["image/png"])).toEqual([547, 413]);
    expect(displays(later)).toEqual([]);
  });

  it("honours %config InlineBackend.figure_format = 'retina'", async () => {
    const kernel = await startKernel({ python: SYSTEM_PYTHON });
    await ok(kernel, "%config InlineBackend.figure_format = 'retina'");
    const cell = await ok(kernel, "import matplotlib.pyplot as plt\nplt.plot([1, 2]); plt.show()");
    const [shown] = displays(cell);
    const [width, height] = pngSize(shown?.data["image/png"]);
    // IPython halves the pixel size with integer division.
    expect(shown?.metadata).toEqual({
      "image/png": { width: Math.floor(width / 2), height: Math.floor(height / 2) },
    });
    expect(width).toBeGreaterThan(1000);
  });

  it("reports a figure that cannot be drawn and keeps the worker usable", async () => {
    const kernel = await startKernel({ python: SYSTEM_PYTHON });
    const cell = await run(
      kernel,
      "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.text(0, 0, '$\\\\frac{$')",
    );
    expect(stream(cell, "stderr")).toMatch(/ValueError/);
    expect(displays(await ok(kernel, "plt.plot([1]); plt.show()"))).toHaveLength(1);
  });
});

describe("without matplotlib", () => {
  const python = bareVenvPython();

  it("runs cells, accepts %matplotlib inline and fails imports as usual", async () => {
    const kernel = await startKernel({ python });
    expect((await ok(kernel, "%matplotlib inline\nprint('fine')")).stdout).toBe("fine\n");
    expect(errorOf(await run(kernel, "import matplotlib"))?.ename).toBe("ModuleNotFoundError");
    expect((await ok(kernel, "print(1 + 1)")).stdout).toBe("2\n");
  });
});
