"""Share values with the other notebooks of this oprel session, from Python code (docs/registry.md).

    from oprel import share, fetch
    share("df", "model")         # these variables, under their own names
    share(sales=df)              # a value under a name
    sales = fetch("sales", wait=30)   # a copy; waits up to 30 s for another notebook to share it
    registry()                   # the entries: name, source, type_name, size, time

The worker finds this module before sys.path, so a file named oprel.py next to the notebook cannot
replace it. The same as the magics %share, %fetch and %registry.
"""

import sys as _sys

import oprel_share as _share
from oprel_share import RegistryError

__all__ = ["RegistryError", "fetch", "registry", "share"]


def share(*names, **values):
    """Shares the caller's variables named in names, and each name=value given."""
    frame = _sys._getframe(1)
    _share.share_values([(name, _share.lookup(name, frame)) for name in names] + list(values.items()))


def fetch(name, wait=None):
    """A copy of the value shared under name; wait: up to that many seconds for it to be shared."""
    return _share.fetch_value(name, wait)


def registry():
    """The registry's entries, as dicts with name, source, type_name, size (bytes) and time (epoch s)."""
    return _share.entries()
