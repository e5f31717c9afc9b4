"""The anchor for bench/engine.ts: the same work done by jupyter_client driving ipykernel.

Prints one JSON object: {"ready_ms": [...], "roundtrip_ms": [...], "stream_ms": float}.
Usage: python3 bench/jupyter_engine.py SPAWNS ROUNDTRIPS STREAM_LINES
"""

import json
import sys
import time

from jupyter_client.manager import KernelManager


def start(name="python3", timeout=60):
    """A started kernel and its client, and how long until it answered kernel_info (ms)."""
    t0 = time.perf_counter()
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=timeout)
    return km, kc, (time.perf_counter() - t0) * 1000


def run(kc, code):
    """Execute and wait until the kernel is idle again with every output received."""
    msg_id = kc.execute(code)
    while True:
        msg = kc.get_iopub_msg(timeout=120)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    kc.get_shell_msg(timeout=120)


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def main():
    spawns, roundtrips, lines = (int(a) for a in sys.argv[1:4])
    ready = []
    for _ in range(spawns):
        km, kc, ms = start()
        ready.append(ms)
        stop(km, kc)
    km, kc, _ = start()
    run(kc, "1+1")  # warm up
    rt = []
    for _ in range(roundtrips):
        t0 = time.perf_counter()
        run(kc, "1+1")
        rt.append((time.perf_counter() - t0) * 1000)
    t0 = time.perf_counter()
    run(kc, f"for i in range({lines}):\n    print(i)")
    stream_ms = (time.perf_counter() - t0) * 1000
    stop(km, kc)
    print(json.dumps({"ready_ms": ready, "roundtrip_ms": rt, "stream_ms": stream_ms}))


if __name__ == "__main__":
    main()
