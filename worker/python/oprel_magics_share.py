"""%share, %fetch and %registry: the shared registry from a cell (docs/registry.md, oprel_share)."""

import os

import oprel_share
from oprel_magics_registry import UsageError, line_magic, shell

FETCH_USAGE = "Usage: %fetch NAME [NAME...] [--wait SECONDS], or %fetch NAME as NEW_NAME [--wait SECONDS]"


@line_magic("share")
def share(line, frame):
    names = line.split()
    if not names:
        raise UsageError("%share needs the names of variables, as in %share df model")
    for name in names:
        if not name.isidentifier():
            raise UsageError(f"%share takes variable names; {name!r} is not one.")
    oprel_share.share_values([(name, oprel_share.lookup(name, frame)) for name in names])


@line_magic("fetch")
def fetch(line, frame):
    pairs, wait = _fetch_args(line.split())
    user_ns = shell().user_ns
    for name, target in pairs:
        user_ns[target] = oprel_share.fetch_value(name, wait)


def _fetch_args(words):
    wait = None
    if "--wait" in words:
        at = words.index("--wait")
        try:
            wait = float(words[at + 1])
        except (IndexError, ValueError):
            raise UsageError("--wait needs a number of seconds, as in %fetch df --wait 30") from None
        if not wait > 0:
            raise UsageError("--wait needs a positive number of seconds, as in %fetch df --wait 30")
        del words[at : at + 2]
    if len(words) == 3 and words[1] == "as":
        pairs = [(words[0], words[2])]
    elif words and "as" not in words:
        pairs = [(word, word) for word in words]
    else:
        raise UsageError(FETCH_USAGE)
    for name in (word for pair in pairs for word in pair):
        if not name.isidentifier():
            raise UsageError(f"{name!r} is not a variable name. {FETCH_USAGE}")
    return pairs, wait


@line_magic("registry")
def registry(line, frame):
    if line.strip():
        raise UsageError("%registry takes no arguments.")
    entries = oprel_share.entries()
    if not entries:
        print("The registry is empty. Share a variable with %share NAME.")
        return
    import time

    rows = [("name", "source", "type", "size", "time")]
    for entry in entries:
        rows.append((entry["name"], os.path.basename(entry["source"]), entry["type_name"],
                     oprel_share.format_size(entry["size"]),
                     time.strftime("%H:%M:%S", time.localtime(entry["time"]))))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
