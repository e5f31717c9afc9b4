"""Reference writer for the round-trip tests: what Jupyter itself writes for a notebook.

Reads a JSON list of {"path": ..., "ids": [...] | null} on stdin. For each file: nbformat.read
(as_version=4: nbformat 3 is converted), then, when ids are given, upgrade to 4.5 the way
nbformat.v4.convert.upgrade does (every cell gets an id, nbformat_minor becomes 5) using the ids
oprel chose, since ids are random on both sides; then nbformat.writes.
Prints a JSON object mapping each path to {"text": ...} or {"error": ...}.
"""

import json
import logging
import sys
import warnings

import nbformat

logging.disable(logging.CRITICAL)
warnings.simplefilter("ignore")

results = {}
for job in json.load(sys.stdin):
    path = job["path"]
    try:
        nb = nbformat.read(path, as_version=4)
        ids = job.get("ids")
        if ids is not None:
            if len(ids) != len(nb.cells):
                raise ValueError("cell count differs: %d vs %d" % (len(ids), len(nb.cells)))
            for cell, cell_id in zip(nb.cells, ids):
                cell["id"] = cell_id
            nb["nbformat_minor"] = max(nb.get("nbformat_minor", 0), 5)
        text = nbformat.writes(nb)
        results[path] = {"text": text if text.endswith("\n") else text + "\n"}
    except Exception as error:  # the test reports Jupyter's refusal as data
        results[path] = {"error": "%s: %s" % (type(error).__name__, error)}
json.dump(results, sys.stdout)
