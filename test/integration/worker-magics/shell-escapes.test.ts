// `!cmd`, `x = !cmd`, interpolation and the code that must stay untouched, in real workers.

import { describe, expect, it } from "vitest";
import { errorOf, ok, resultText, run, startKernel, stream } from "./helpers.js";

describe("shell escapes", () => {
  it("runs !cmd through /bin/sh, its output in order with the cell's prints", async () => {
    const kernel = await startKernel();
    const cell = await ok(kernel, "print('a')\n!echo b; echo err >&2\nprint('c')");
    expect(stream(cell, "stdout")).toBe("a\nb\nc\n");
    expect(stream(cell, "stderr")).toBe("err\n");
  });

  it("stores the exit status in _exit_code and does not fail the cell", async () => {
    const kernel = await startKernel();
    await ok(kernel, "!exit 3");
    expect(resultText(await ok(kernel, "_exit_code"))).toBe("3");
    await ok(kernel, "!true");
    expect(resultText(await ok(kernel, "_exit_code"))).toBe("0");
  });

  it("captures output with x = !cmd as a list of lines with IPython's helpers", async () => {
    const kernel = await startKernel();
    await ok(kernel, "files = !printf 'alpha\\nbeta\\ngamma 3\\n'; echo warn >&2");
    const cell = await ok(
      kernel,
      "print(type(files).__name__, list(files))\nprint(repr(files.n), repr(files.s))\n" +
        "print(files.grep('a$'), files.fields(1))",
    );
    expect(stream(cell, "stdout")).toBe(
      "SList ['alpha', 'beta', 'gamma 3', 'warn']\n" +
        "'alpha\\nbeta\\ngamma 3\\nwarn' 'alpha beta gamma 3 warn'\n" +
        "['alpha', 'beta'] ['3']\n",
    );
    expect(resultText(await ok(kernel, "!!echo one; echo two"))).toBe("['one', 'two']");
    expect(resultText(await ok(kernel, "%sx echo sx"))).toBe("['sx']");
  });

  it("interpolates {expr} and $name at module level, with {{ }} and $$ as literals", async () => {
    const kernel = await startKernel({ env: { OPREL_SHELL_T: "from-env" } });
    await ok(kernel, "name = 'world'\nn = 21\nclass C: attr = 'dotted'");
    const cell = await ok(kernel, "!echo {name} $name {n * 2} {{kept}} $$OPREL_SHELL_T $C.attr");
    expect(cell.stdout).toBe("world world 42 {kept} from-env dotted\n");
    // $ inside single quotes is the shell's; a failed expansion leaves the command as typed.
    const quoted = await ok(kernel, "!echo '$name' {undefined_name}");
    expect(quoted.stdout).toBe("$name {undefined_name}\n");
  });

  it("interpolates a function's locals when the line runs inside it", async () => {
    const kernel = await startKernel();
    await ok(
      kernel,
      "x = 'global'\ndef f(x):\n    !echo in f {x} $x\n    out = !echo {x * 2}\n    return out\n" +
        "def g():\n    for i in range(2):\n        !echo row $i\n",
    );
    const cell = await ok(kernel, "print(f('local'))\ng()");
    expect(cell.stdout).toBe("in f local local\n['locallocal']\nrow 0\nrow 1\n");
  });

  it("joins a backslash-continued shell line and keeps later line numbers", async () => {
    const kernel = await startKernel();
    const joined = await ok(kernel, "!echo a \\\n  b \\\n  c");
    expect(joined.stdout).toBe("a b c\n");
    const failing = await run(kernel, "!echo x \\\n  y\nz = 1\n1 / 0");
    expect(failing.stdout).toBe("x y\n");
    expect(errorOf(failing)?.ename).toBe("ZeroDivisionError");
    expect(errorOf(failing)?.traceback.join("\n")).toMatch(/line 4/);
  });

  it("leaves ! and % in strings, comparisons, formatting and dict literals alone", async () => {
    const kernel = await startKernel();
    const code = [
      "s = '100%'",
      'u = "!hi"',
      "v = 7 % 4",
      "w = 1 != 2",
      "d = {'%': '!', 'k': 5 % 3}",
      "t = '''",
      "!not a command",
      "%not_a_magic",
      "'''",
      "print(s, u, v, w, d, '%d%%' % 5)",
      "print(t)",
      'print(f"{v!r:>3}")',
    ].join("\n");
    const cell = await ok(kernel, code);
    expect(cell.stdout).toBe(
      "100% !hi 3 True {'%': '!', 'k': 2} 5%\n\n!not a command\n%not_a_magic\n\n  3\n",
    );
  });

  it("an interrupt stops a running command (and the child) and leaves the worker alive", async () => {
    const kernel = await startKernel();
    for (const code of ["!sleep 10", "%%bash\nsleep 10\necho never", "out = !sleep 10"]) {
      const started = Date.now();
      const timer = setTimeout(() => kernel.interrupt(), 300);
      const cell = await run(kernel, code);
      clearTimeout(timer);
      expect(errorOf(cell)?.ename).toBe("KeyboardInterrupt");
      expect(cell.stdout).toBe("");
      expect(Date.now() - started).toBeLessThan(3000);
    }
    expect((await ok(kernel, "print('alive')")).stdout).toBe("alive\n");
  });
});
