"""The anchor for bench/jupyter-kernels.ts: jupyter_client driving a Jupyter kernel.

Prints one JSON object: {"first_ms": [...], "roundtrip_ms": [...]}: from start to the first
`1+1` done, and the round trip of `1+1` (request sent to reply and idle received).
Usage: python3 bench/jupyter_bridge.py KERNEL_NAME STARTS ROUNDTRIPS
"""

import json
import sys
import time

# The same start, execute and stop as the engine benchmark's anchor (bench/ is on sys.path).
from jupyter_engine import run, start, stop


def main():
    name = sys.argv[1]
    starts, roundtrips = (int(a) for a in sys.argv[2:4])
    first = []
    for _ in range(starts):
        t0 = time.perf_counter()
        km, kc, _ = start(name, timeout=120)
        run(kc, "1+1")
        first.append((time.perf_counter() - t0) * 1000)
        stop(km, kc)
    km, kc, _ = start(name, timeout=120)
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
