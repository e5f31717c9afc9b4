"""The anchor for bench/jupyter-kernels.ts: jupyter_client driving a Jupyter kernel.

Prints one JSON object: {"first_ms": [...], "roundtrip_ms": [...]}: from start to the first
`1+1` done, and the round trip of `1+1` (request sent to reply and idle received).
Usage: python3 bench/jupyter_bridge.py KERNEL_NAME STARTS ROUNDTRIPS
"""

import json
import sys
import time

from jupyter_client.manager import KernelManager


def run(kc, code):
    """Execute and wait for the reply and the idle status: every output received."""
    msg_id = kc.execute(code)
    while True:
        msg = kc.get_iopub_msg(timeout=120)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    kc.get_shell_msg(timeout=120)


def start(name):
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    return km, kc


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def main():
    name = sys.argv[1]
    starts, roundtrips = (int(a) for a in sys.argv[2:4])
    first = []
    for _ in range(starts):
        t0 = time.perf_counter()
        km, kc = start(name)
        run(kc, "1+1")
        first.append((time.perf_counter() - t0) * 1000)
        stop(km, kc)
    km, kc = start(name)
    run(kc, "1+1")
    rt = []
    for _ in range(roundtrips):
        t0 = time.perf_counter()
        run(kc, "1+1")
        rt.append((time.perf_counter() - t0) * 1000)
    stop(km, kc)
    print(json.dumps({"first_ms": first, "roundtrip_ms": rt}))


if __name__ == "__main__":
    main()
