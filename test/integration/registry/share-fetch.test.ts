// Values cross between two real workers through one registry: they arrive equal, as copies.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { errorOf, ok, run, stream } from "../worker-magics/helpers.js";
import { notebook, openRegistry, root } from "./helpers.js";

describe("%share and %fetch between two notebooks", () => {
  it("moves an int, a str, a dict, a numpy array and a pandas DataFrame", async () => {
    const registry = openRegistry();
    const a = await notebook(registry, "a.ipynb");
    const b = await notebook(registry, "b.ipynb");
    await ok(
      a,
      [
        "import numpy as np, pandas as pd",
        "n = 42",
        "s = 'héllo'",
        "d = {'k': [1, 2.5, None], 't': (1, 'x')}",
        "arr = np.arange(1_000_000, dtype=np.float64).reshape(1000, 1000)",
        "df = pd.DataFrame({'x': range(5), 'y': list('abcde')})",
        "%share n s d arr df",
      ].join("\n"),
    );
    const cell = await ok(
      b,
      [
        "import numpy as np",
        "%fetch n s d arr df",
        "print(n, s, d)",
        "print(arr.shape, arr.dtype, float(arr.sum()), arr.flags.writeable)",
        "print(df.to_dict('list'))",
      ].join("\n"),
    );
    expect(cell.stdout).toBe(
      [
        "42 héllo {'k': [1, 2.5, None], 't': (1, 'x')}",
        `(1000, 1000) float64 ${(999_999 * 1_000_000) / 2}.0 True`,
        "{'x': [0, 1, 2, 3, 4], 'y': ['a', 'b', 'c', 'd', 'e']}",
        "",
      ].join("\n"),
    );
    expect(registry.list().map((e) => [e.name, e.typeName])).toEqual([
      ["arr", "ndarray"],
      ["d", "dict"],
      ["df", "DataFrame"],
      ["n", "int"],
      ["s", "str"],
    ]);
    expect(registry.get("arr")?.size).toBeGreaterThan(8_000_000);
  });

  it("gives copies: changing one in B changes neither A nor the next fetch", async () => {
    const registry = openRegistry();
    const a = await notebook(registry, "a.ipynb");
    const b = await notebook(registry, "b.ipynb");
    await ok(a, "import numpy as np\narr = np.zeros(4)\nd = {'k': 1}\n%share arr d");
    await ok(b, "%fetch arr d\narr[0] = 7\nd['k'] = 2");
    expect((await ok(a, "print(arr[0], d['k'])")).stdout).toBe("0.0 1\n");
    expect((await ok(b, "%fetch arr as again\nprint(again[0], arr[0])")).stdout).toBe("0.0 7.0\n");
    await ok(b, "%share arr as changed");
    expect((await ok(a, "%fetch changed\nprint(changed[0], arr[0])")).stdout).toBe("7.0 0.0\n");
  });

  it("lists the entries with %registry, and works through `from oprel import share, fetch`", async () => {
    const registry = openRegistry();
    const a = await notebook(registry, "producer.ipynb");
    const b = await notebook(registry, "consumer.ipynb");
    await ok(a, "from oprel import share\nx = [1, 2]\nshare('x', total=3)");
    const cell = await ok(
      b,
      "from oprel import fetch\nprint(fetch('x'), fetch('total'))\n%registry",
    );
    const lines = cell.stdout.split("\n");
    expect(lines[0]).toBe("[1, 2] 3");
    expect(lines[1]).toMatch(/^name +source +type +size +time$/);
    expect(lines[2]).toMatch(/^total +producer\.ipynb +int +\d+ B +\d\d:\d\d:\d\d$/);
    expect(lines[3]).toMatch(/^x +producer\.ipynb +list +\d+ B +\d\d:\d\d:\d\d$/);
  });

  it("cannot be replaced by an oprel.py next to the notebook", async () => {
    writeFileSync(join(root, "oprel.py"), "def share(*args, **kwargs):\n    print('impostor')\n");
    const registry = openRegistry();
    const a = await notebook(registry, "a.ipynb");
    await ok(a, "from oprel import share\nshare(v=1)");
    expect(registry.list().map((e) => e.name)).toEqual(["v"]);
  });

  it("keeps values when the producer crashes; the consumer fetches after", async () => {
    const registry = openRegistry();
    const a = await notebook(registry, "a.ipynb");
    await ok(a, "secret = {'answer': 42}\n%share secret");
    const crash = await run(a, "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)");
    expect(crash.outcome.status).toBe("died");
    const b = await notebook(registry, "b.ipynb");
    expect((await ok(b, "%fetch secret\nprint(secret)")).stdout).toBe("{'answer': 42}\n");
    await a.restart();
    expect((await ok(a, "%fetch secret\nprint(secret)")).stdout).toBe("{'answer': 42}\n");
  });

  it("names the type and the reason when a value cannot be pickled, and shares nothing", async () => {
    const registry = openRegistry();
    const a = await notebook(registry, "a.ipynb");
    const cell = await run(a, "gen = (i for i in range(3))\n%share gen");
    const error = errorOf(cell);
    expect(error?.ename).toBe("RegistryError");
    expect(error?.evalue).toBe(
      "'gen' cannot be shared: a value of type generator cannot be pickled (TypeError: cannot pickle 'generator' object).",
    );
    expect(registry.list()).toEqual([]);
  });

  it("refuses a fetch of a name nobody shared, saying what the registry holds", async () => {
    const registry = openRegistry();
    const a = await notebook(registry, "a.ipynb");
    await ok(a, "y = 1\n%share y");
    const error = errorOf(await run(a, "%fetch nothing_here"));
    expect(error?.evalue).toMatch(
      /^Nothing named 'nothing_here' is in the registry \(it holds y\)\./,
    );
  });

  it("says how to use %fetch when the arguments are wrong", async () => {
    const registry = openRegistry();
    const a = await notebook(registry, "a.ipynb");
    const cell = await run(a, "%fetch x as");
    expect(stream(cell, "stderr")).toMatch(/^UsageError: Usage: %fetch NAME/);
    const share = await run(a, "%share");
    expect(stream(share, "stderr")).toBe(
      "UsageError: Usage: %share NAME [NAME...], or %share NAME as SHARED_NAME\n",
    );
  });
});

describe("waiting with --wait", () => {
  it("returns as soon as another notebook shares the name", async () => {
    const registry = openRegistry();
    const a = await notebook(registry, "a.ipynb");
    const b = await notebook(registry, "b.ipynb");
    const waiting = ok(b, "%fetch late --wait 30\nprint(late)");
    await new Promise((resolve) => setTimeout(resolve, 300));
    await ok(a, "late = 'here'\n%share late");
    expect((await waiting).stdout).toBe("here\n");
  });

  it("ends at its timeout with an error naming the variable and what it waited for", async () => {
    const registry = openRegistry();
    const b = await notebook(registry, "b.ipynb");
    const started = Date.now();
    const error = errorOf(await run(b, "%fetch never --wait 0.5"));
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(error?.ename).toBe("RegistryError");
    expect(error?.evalue).toBe(
      "'never' was not shared within 0.5 s: this cell waited for another notebook to share 'never' (%share never), and none did. Under oprel run, the notebook that shares it must run at the same time (-j 2 or more).",
    );
  });

  it("can be interrupted, and the kernel goes on", async () => {
    const registry = openRegistry();
    const b = await notebook(registry, "b.ipynb");
    const waiting = run(b, "%fetch never --wait 60");
    await new Promise((resolve) => setTimeout(resolve, 500));
    b.interrupt();
    expect(errorOf(await waiting)?.ename).toBe("KeyboardInterrupt");
    expect((await ok(b, "print('alive')")).stdout).toBe("alive\n");
  });
});

describe("the size limit", () => {
  it("refuses a larger value, saying its size and the limit", async () => {
    const registry = openRegistry({ limitBytes: 1024 * 1024 });
    const a = await notebook(registry, "a.ipynb");
    await ok(a, "small = bytes(1000)\n%share small");
    const error = errorOf(await run(a, "big = bytes(3 * 1024 * 1024)\n%share big"));
    expect(error?.evalue).toBe(
      "'big' is 3.0 MiB pickled, more than the registry's limit of 1 MiB. Raise it with --registry-limit.",
    );
    expect(registry.list().map((e) => e.name)).toEqual(["small"]);
  });
});
