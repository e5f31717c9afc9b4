// Output capture at the file-descriptor level: Python, C code, child processes, in order, before done.

import { describe, expect, it } from "vitest";
import { ok, startKernel, stream } from "../worker-magics/helpers.js";

describe("worker output capture", () => {
  it("captures C code writing to fd 1 through ctypes (puts, printf), in order with print()", async () => {
    const kernel = await startKernel();
    const cell = await ok(
      kernel,
      [
        "import ctypes",
        "libc = ctypes.CDLL(None)",
        "print('python 1')",
        "libc.puts(b'from C puts')",
        "print('python 2')",
        "libc.printf(b'printf %d\\n', 42)",
        "libc.printf(b'no newline at the end')",
      ].join("\n"),
    );
    expect(stream(cell, "stdout")).toBe(
      "python 1\nfrom C puts\npython 2\nprintf 42\nno newline at the end",
    );
  });

  it("captures os.system and subprocess children, in order with print()", async () => {
    const kernel = await startKernel();
    const cell = await ok(
      kernel,
      [
        "import os, subprocess, sys",
        "print('before')",
        "os.system('echo from system; echo to stderr 1>&2')",
        "subprocess.run(['echo', 'from subprocess'])",
        "subprocess.run([sys.executable, '-c', 'import sys; sys.stderr.write(\"child err\\\\n\")'])",
        "print('after')",
      ].join("\n"),
    );
    expect(stream(cell, "stdout")).toBe("before\nfrom system\nfrom subprocess\nafter\n");
    expect(stream(cell, "stderr")).toBe("to stderr\nchild err\n");
  });

  it("keeps the order of 10,000 interleaved stdout and stderr lines", async () => {
    const kernel = await startKernel();
    const cell = await ok(
      kernel,
      "import sys\nfor i in range(10000):\n    print(i)\n    print(-i, file=sys.stderr)",
    );
    const lines: string[] = [];
    for (const event of cell.events) {
      if (event.type !== "stream") continue;
      for (const line of event.text.split("\n").slice(0, -1)) lines.push(`${event.name} ${line}`);
    }
    const expected: string[] = [];
    for (let i = 0; i < 10000; i++) expected.push(`stdout ${i}`, `stderr ${-i}`);
    expect(lines).toEqual(expected);
  });

  it("sends all of a cell's output, even a child's large output, before its done event", async () => {
    const kernel = await startKernel();
    const cell = await ok(
      kernel,
      "import subprocess\nsubprocess.run(['seq', '200000'])\nprint('last')",
    );
    const types = cell.events.map((event) => event.type);
    expect(types.at(-1)).toBe("done");
    expect(types.lastIndexOf("stream")).toBe(types.length - 2);
    const text = stream(cell, "stdout");
    expect(text.startsWith("1\n2\n3\n")).toBe(true);
    expect(text.endsWith("199999\n200000\nlast\n")).toBe(true);
    expect(text.split("\n")).toHaveLength(200002);
  });

  it("coalesces stream text: 100,000 printed lines arrive in far fewer events", async () => {
    const kernel = await startKernel();
    const cell = await ok(kernel, "for i in range(100000):\n    print(i)");
    const events = cell.events.filter((event) => event.type === "stream");
    expect(stream(cell, "stdout").split("\n")).toHaveLength(100001);
    expect(events.length).toBeLessThan(1000);
  });

  it("decodes UTF-8 split across writes and accepts bytes on sys.stdout.buffer", async () => {
    const kernel = await startKernel();
    const cell = await ok(
      kernel,
      [
        "import os, sys",
        "data = 'é€𝄞'.encode()",
        "for i in range(len(data)):",
        "    os.write(1, data[i:i + 1])",
        "print()",
        "sys.stdout.buffer.write('ünï\\n'.encode())",
        "sys.stdout.write('text\\n')",
      ].join("\n"),
    );
    expect(stream(cell, "stdout")).toBe("é€𝄞\nünï\ntext\n");
  });

  it("gives user code file-like streams: fileno 1 and 2, not a tty, utf-8", async () => {
    const kernel = await startKernel();
    const cell = await ok(
      kernel,
      [
        "import sys, io",
        "print(sys.stdout.fileno(), sys.stderr.fileno(), sys.stdout.isatty(), sys.stdout.encoding)",
        "print(isinstance(sys.stdout, io.TextIOBase), sys.stdout.writable())",
        "sys.stdout.writelines(['a', 'b\\n'])",
        "sys.stdout.flush()",
        "try:",
        "    sys.stdout.write(b'x')",
        "except TypeError as e:",
        "    print('TypeError:', e)",
      ].join("\n"),
    );
    expect(stream(cell, "stdout")).toBe(
      "1 2 False utf-8\nTrue True\nab\nTypeError: write() argument must be str, not bytes\n",
    );
  });

  it("drops a background thread's output written after its cell ended, and the kernel goes on", async () => {
    const kernel = await startKernel();
    const logs: string[] = [];
    kernel.on("log", (text) => logs.push(text));
    const first = await ok(
      kernel,
      [
        "import os, threading, time",
        "def late():",
        "    time.sleep(0.2)",
        "    print('late print')",
        "    os.write(2, b'late fd write\\n')",
        "threading.Thread(target=late).start()",
        "print('cell')",
      ].join("\n"),
    );
    expect(first.stdout).toBe("cell\n");
    await new Promise((resolve) => setTimeout(resolve, 600));
    const next = await ok(kernel, "print('next')");
    expect(next.stdout).toBe("next\n");
    expect(stream(next, "stderr")).toBe("");
    expect(kernel.state).toBe("idle");
    expect(logs).toEqual([]);
  });

  it("never lets children of user code inherit the controller channel (fd 3)", async () => {
    const kernel = await startKernel();
    const cell = await ok(
      kernel,
      [
        "import os, subprocess, sys",
        "channel = os.readlink('/proc/self/fd/3')",
        "script = 'import os\\nfor fd in range(1024):\\n    try: print(os.readlink(f\"/proc/self/fd/{fd}\"))\\n    except OSError: pass'",
        "held = subprocess.run([sys.executable, '-c', script], capture_output=True, text=True, close_fds=False).stdout",
        "print(channel.startswith('socket:'), channel in held, len(held) > 0)",
      ].join("\n"),
    );
    expect(stream(cell, "stdout")).toBe("True False True\n");
  });
});
