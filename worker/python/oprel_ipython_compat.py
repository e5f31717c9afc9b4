"""IPython.display & co. for notebooks, with or without IPython installed; matplotlib's inline set-up.

- IPython absent: worker/python/shim (appended at the END of sys.path, so a real IPython always wins) provides
  `IPython.display`, `IPython.get_ipython`, `IPython.core.magic`, ... backed by the functions below.
- IPython present: without an InteractiveShell its display() only prints, so when its display modules
  finish importing their display, clear_output, update_display, publish_display_data and get_ipython are
  replaced by ours (oprel_post_import). IPython itself is never imported here.
- matplotlib: the controller sets MPLBACKEND=module://oprel_mpl_backend. Children of the worker would inherit
  it and fail to import that module (`!python plot.py`), so it is taken out of the environment and applied
  the moment matplotlib is imported instead, exactly as matplotlib applies the variable.
"""

import os
import sys

import oprel_magics
import oprel_post_import
from oprel_display import DisplayHandle, clear_output, display, update_display  # noqa: F401 - re-exported

# matplotlib-inline's defaults (0.1.6): matplotlib's own rc, PNG, tight bounding box, close after each cell.
inline_backend = {
    "figure_formats": {"png"},
    "print_figure_kwargs": {"bbox_inches": "tight"},
    "close_figures": True,
    "rc": {},
}

_DISPLAY_NAMES = ("display", "clear_output", "update_display", "publish_display_data")
_PATCHES = {
    "IPython": ("get_ipython",),
    "IPython.core.getipython": ("get_ipython",),
    "IPython.core.display_functions": _DISPLAY_NAMES,
    "IPython.core.display": _DISPLAY_NAMES + ("set_matplotlib_formats", "set_matplotlib_close"),
    "IPython.display": _DISPLAY_NAMES + ("set_matplotlib_formats", "set_matplotlib_close"),
    "IPython.utils.capture": ("capture_output",),
    "matplotlib_inline.backend_inline": ("set_matplotlib_formats", "set_matplotlib_close"),
}


def install(shell):
    shim = os.path.join(os.path.dirname(os.path.abspath(__file__)), "shim")
    if shim not in sys.path:
        sys.path.append(shim)
    for name in _PATCHES:
        oprel_post_import.when_imported(name, _patch_module)
    if os.environ.get("MPLBACKEND", oprel_magics.MPL_BACKEND) == oprel_magics.MPL_BACKEND:
        os.environ.pop("MPLBACKEND", None)
        oprel_post_import.when_imported("matplotlib", _select_backend)
    shell.post_execute_hooks.append(flush_figures)


def _patch_module(module):
    if getattr(module, "__oprel_shim__", False):
        return
    ours = globals()
    for name in _PATCHES[module.__name__]:
        if hasattr(module, name):
            setattr(module, name, oprel_magics.get_ipython if name == "get_ipython" else ours[name])


def _select_backend(matplotlib):
    if not os.environ.get("MPLBACKEND"):  # the notebook may have chosen one before importing matplotlib
        matplotlib.rcParams["backend"] = oprel_magics.MPL_BACKEND


def flush_figures():
    """Post-execute hook: open pyplot figures become display_data, as with Jupyter's inline backend."""
    if "matplotlib.pyplot" not in sys.modules:
        return
    backend = sys.modules.get("oprel_mpl_backend")
    if backend is not None:
        backend.flush_figures()  # a figure that cannot be drawn: the core prints the hook's traceback


# ---- IPython's display functions: the core's (oprel_display has IPython's signatures) ----


def publish_display_data(data, metadata=None, source=None, *, transient=None, **kwargs):
    """IPython's low-level publisher: data is a ready MIME bundle."""
    display_id = (transient or {}).get("display_id")
    return display(data, metadata=metadata, raw=True, display_id=display_id, update=kwargs.get("update", False))


def set_matplotlib_formats(*formats, **kwargs):
    """Figure formats for the inline backend: 'png', 'retina', 'jpeg', 'svg', 'pdf'."""
    inline_backend["figure_formats"] = set(formats)
    inline_backend["print_figure_kwargs"] = {**inline_backend["print_figure_kwargs"], **kwargs}


def set_matplotlib_close(close=True):
    inline_backend["close_figures"] = close


def svg_element(text):
    """Just the <svg> element, re-serialised, as IPython's SVG keeps it (no prolog, no doctype)."""
    from xml.dom import minidom

    found = minidom.parseString(text).getElementsByTagName("svg")
    return found[0].toxml() if found else text


# ---- captured output (IPython.utils.capture) ----


class capture_output:
    """IPython.utils.capture.capture_output: a context manager yielding the core's CapturedIO."""

    def __init__(self, stdout=True, stderr=True, display=True):
        self._context = oprel_magics.shell().capture(stdout=stdout, stderr=stderr, display=display)

    def __enter__(self):
        return self._context.__enter__()

    def __exit__(self, *exc_info):
        return self._context.__exit__(*exc_info)
