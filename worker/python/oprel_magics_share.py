"""%share, %fetch and %registry: the shared registry from a cell (docs/registry.md, oprel_share)."""

import os

import oprel_share
from oprel_magics_registry import UsageError, line_magic, shell

SHARE_USAGE = "Usage: %share NAME [NAME...], or %share NAME as SHARED_NAME"
FETCH_USAGE = "Usage: %fetch NAME [NAME...] [--wait SECONDS], or %fetch NAME as NEW_NAME [--wait SECONDS]"


@line_magic("share")
def share(line, frame):
    pairs = _name_pairs(line.split(), SHARE_USAGE)
    oprel_share.share_values([(shared, oprel_share.lookup(name, frame)) for name, shared in pairs])


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
    return _name_pairs(words, FETCH_USAGE), wait


def _name_pairs(words, usage):
    """`a b c` -> [(a, a), (b, b), (c, c)]; `a as b` -> [(a, b)]."""
    if len(words) == 3 and words[1] == "as":
        pairs = [(words[0], words[2])]
    elif words and "as" not in words:
        pairs = [(word, word) for word in words]
    else:
        raise UsageError(usage)
    for name in (word for pair in pairs for word in pair):
        if not name.isidentifier():
            raise UsageError(f"{name!r} is not a variable name. {usage}")
    return pairs


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
