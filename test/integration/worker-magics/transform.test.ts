// transform_cell is pure (str -> str): checked directly in a Python process, without a worker.

import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const WORKER_DIR = join(import.meta.dirname, "..", "..", "..", "worker", "python");

const PROGRAM = `
import json, sys
sys.path.insert(0, sys.argv[1])
from oprel_magics import transform_cell
print(json.dumps([transform_cell(source) for source in json.load(sys.stdin)]))
`;

function transform(...sources: string[]): string[] {
  const out = execFileSync("python3", ["-c", PROGRAM, WORKER_DIR], {
    input: JSON.stringify(sources),
    encoding: "utf8",
  });
  return JSON.parse(out) as string[];
}

function one(source: string): string {
  return transform(source)[0] ?? "";
}

describe("transform_cell", () => {
  it("leaves plain Python alone, including ! and % inside strings and operators", () => {
    const sources = [
      "x = 1\nprint(x)\n",
      "a = '100%'\nb = a != 'x'\nc = 5 % 2\nprint(\"!hi\")\nd = {'%': 1, '!': 2}\n",
      "print('%d%%' % 3)\nif a != b:\n    pass\n",
      's = """\n!not a command\n%not_a_magic\n"""\n',
      "x = (1,\n!2)\n",
      "y = x \\\n  % 3\n",
      "f'{a!r}'\nz = 1  # is this a question?\n",
      "call(\n  %s\n)\n",
    ];
    expect(transform(...sources)).toEqual(sources);
  });

  it("turns shell escapes into calls, also indented inside blocks and functions", () => {
    expect(one("!ls -la\n")).toBe("_oprel_.system('ls -la')\n");
    expect(one("def f():\n    !echo {x}\n    out = !ls $d\n    return out\n")).toBe(
      "def f():\n    _oprel_.system('echo {x}')\n    out = _oprel_.getoutput('ls $d')\n    return out\n",
    );
    expect(one("files = !ls\n")).toBe("files = _oprel_.getoutput('ls')\n");
    expect(one("!!date\n")).toBe("_oprel_.getoutput('date')\n");
    expect(one("d['k'] = !ls\na, b = %foo bar\n")).toBe(
      "d['k'] = _oprel_.getoutput('ls')\na, b = _oprel_.run_line_magic('foo', 'bar')\n",
    );
  });

  it("joins backslash-continued shell lines and keeps the following line numbers", () => {
    const out = one("!echo a \\\n  b \\\n  c\nprint(1)\n");
    expect(out).toBe("_oprel_.system('echo a b c')\n\n\nprint(1)\n");
    expect(out.split("\n").indexOf("print(1)")).toBe(3);
  });

  it("turns line magics into calls, at any line and as assignments", () => {
    expect(one("x = 1\n%time y = x\nz = %pwd\n")).toBe(
      "x = 1\n_oprel_.run_line_magic('time', 'y = x')\nz = _oprel_.run_line_magic('pwd', '')\n",
    );
  });

  it("turns a cell magic on the first line into one call holding the body", () => {
    // Blank lines stand in for the body, so the cell keeps its line count.
    expect(one("%%bash\necho hi\necho there")).toBe(
      "_oprel_.run_cell_magic('bash', '', 'echo hi\\necho there\\n')\n\n",
    );
    expect(one("\n%%writefile -a out.txt\nline\n")).toBe(
      "\n_oprel_.run_cell_magic('writefile', '-a out.txt', 'line\\n')\n\n",
    );
    // Later in a cell, IPython runs it with an empty body (which then fails with its usage error).
    expect(one("x = 1\n%%time\n")).toBe("x = 1\n_oprel_.run_cell_magic('time', '', '')\n");
  });

  it("turns obj? and obj?? into help calls", () => {
    expect(one("print?\nos.path??\n%timeit?\n")).toBe(
      "_oprel_.pinfo('print', 0)\n_oprel_.pinfo('os.path', 1)\n_oprel_.pinfo('%timeit', 0)\n",
    );
  });

  it("keeps the line count of every cell", () => {
    const sources = [
      "import os\n!echo {os.getcwd()}\nfor i in range(2):\n    !echo $i\nx = %env HOME\n",
      "!a \\\nb\n%cd /tmp\n\n\nprint('%')\n",
      "%%time\nx = 1\n\nx",
    ];
    const outs = transform(...sources);
    outs.forEach((out, i) => {
      expect(out.split("\n").length).toBe(sources[i]?.split("\n").length);
    });
  });
});
