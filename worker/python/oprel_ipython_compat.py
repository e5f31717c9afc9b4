"""IPython.display & co. for notebooks, with or without IPython installed.

- IPython absent: worker/python/shim (at the END of sys.path, so a real IPython always wins) provides
  `IPython.display`, `IPython.get_ipython`, `IPython.core.magic`, ... backed by the functions here.
- IPython present: without an InteractiveShell its display() only prints, so when its display modules
  finish importing (oprel_magics.ADAPTED_MODULES), adapt() points their display, clear_output,
  update_display, publish_display_data, get_ipython and capture_output at the worker's.
  IPython itself is never imported here.
"""

from oprel_display import DisplayHandle, clear_output, display, update_display  # noqa: F401 - re-exported
from oprel_magics_registry import get_ipython, shell

MPL_BACKEND = "module://oprel_mpl_backend"

# matplotlib-inline's defaults (0.1.6): matplotlib's own rc, PNG, tight bounding box, close after each cell.
inline_backend = {
    "figure_formats": {"png"},
    "print_figure_kwargs": {"bbox_inches": "tight"},
    "close_figures": True,
    "rc": {},
}

_DISPLAY_NAMES = ("display", "clear_output", "update_display", "publish_display_data")
_FIGURE_NAMES = ("set_matplotlib_formats", "set_matplotlib_close")
_REPLACED = {
    "IPython": ("get_ipython",),
    "IPython.core.getipython": ("get_ipython",),
    "IPython.core.display_functions": _DISPLAY_NAMES,
    "IPython.core.display": _DISPLAY_NAMES + _FIGURE_NAMES,
    "IPython.display": _DISPLAY_NAMES + _FIGURE_NAMES,
    "IPython.utils.capture": ("capture_output",),
    "matplotlib_inline.backend_inline": _FIGURE_NAMES,
}


def adapt(module):
    """Point a freshly imported IPython module's display machinery at the worker (not the shim's own)."""
    if getattr(module, "__oprel_shim__", False):
        return
    ours = globals()
    for name in _REPLACED.get(module.__name__, ()):
        if hasattr(module, name):
            setattr(module, name, get_ipython if name == "get_ipython" else ours[name])


# ---- IPython's display functions: the core's (oprel_display has IPython's signatures) ----


def publish_display_data(data, metadata=None, source=None, *, transient=None, **kwargs):
    """IPython's low-level publisher: data is a ready MIME bundle."""
    display_id = (transient or {}).get("display_id")
    update = kwargs.get("update", False)
    return display(data, metadata=metadata, raw=True, display_id=display_id, update=update)


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
        self._context = shell().capture(stdout=stdout, stderr=stderr, display=display)

    def __enter__(self):
        return self._context.__enter__()

    def __exit__(self, *exc_info):
        return self._context.__exit__(*exc_info)
