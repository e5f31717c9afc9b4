"""Start-up check for the Python worker, to run by hand:

    python3 bench/worker_startup.py [PYTHON] [RUNS]

Spawns the worker as the controller does (fd 3 a socket pair, cwd a folder, stdin ignored) and prints
the median time to `ready`, to the first `1+1` result, and of a bare `PYTHON -c pass`, side by side.
PYTHON defaults to the real binary behind `python3` (not a pyenv shim, whose bash costs tens of ms).
The target is ready within 4x `-c pass`.
"""

import json
import os
import socket
import statistics
import subprocess
import sys
import time

WORKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "worker", "python",
                      "oprel_worker.py")


def real_python(name):
    out = subprocess.run([name, "-c", "import sys; print(sys.executable)"], capture_output=True,
                         text=True, check=True)
    return out.stdout.strip()


def spawn_worker(python):
    """(ms to ready, ms to the result of the first `1+1`)"""
    ours, theirs = socket.socketpair()
    started = time.perf_counter()
    child = subprocess.Popen(
        [python, "-X", "utf8", "-u", WORKER], cwd="/tmp", stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
        pass_fds=(3, theirs.fileno()), preexec_fn=_fd3(theirs.fileno()))
    theirs.close()
    lines = ours.makefile("rb")
    ready = json.loads(lines.readline())
    ready_ms = (time.perf_counter() - started) * 1000
    if ready.get("type") != "ready":
        raise SystemExit(f"no ready: {ready}\n{child.stderr.read().decode()}")
    ours.sendall(b'{"type":"execute","id":"x","code":"1+1"}\n')
    while json.loads(lines.readline()).get("type") != "done":
        pass
    first_ms = (time.perf_counter() - started) * 1000
    lines.close()
    ours.close()
    child.wait(5)
    return ready_ms, first_ms


def _fd3(fd):
    def move():
        os.dup2(fd, 3)
    return move


def bare(python):
    started = time.perf_counter()
    subprocess.run([python, "-c", "pass"], check=True)
    return (time.perf_counter() - started) * 1000


def main():
    python = real_python(sys.argv[1] if len(sys.argv) > 1 else "python3")
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    spawn_worker(python)  # warm the file cache and write .pyc files
    bare_ms, ready_ms, first_ms = [], [], []
    for _ in range(runs):  # interleaved, so machine load hits both alike
        bare_ms.append(bare(python))
        ready, first = spawn_worker(python)
        ready_ms.append(ready)
        first_ms.append(first)
    base = statistics.median(bare_ms)
    print(f"interpreter: {python} ({runs} runs, medians)")
    print(f"  {python} -c pass      {base:7.1f} ms")
    print(f"  worker spawn -> ready     {statistics.median(ready_ms):7.1f} ms  "
          f"({statistics.median(ready_ms) / base:.1f}x, target <= 4x)")
    print(f"  spawn -> first 1+1 done   {statistics.median(first_ms):7.1f} ms")


if __name__ == "__main__":
    main()
