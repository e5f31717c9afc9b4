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
    if backend is None:
        return
    try:
        backend.flush_figures()
    except Exception:  # a figure that cannot be drawn: say why, as Jupyter does, and keep the cell's outputs
        import traceback

        traceback.print_exc()


# ---- IPython's display functions, on the core's Shell ----


def display(
    *objs,
    include=None,
    exclude=None,
    metadata=None,
    transient=None,
    display_id=None,
    raw=False,
    clear=False,
    **kwargs,
):
    shell = oprel_magics._shell
    if shell is None:
        print(*objs)
        return None
    if clear:
        shell.clear_output(wait=True)
    if transient and display_id is None:
        display_id = transient.get("display_id")
    update = bool(kwargs.get("update"))
    if include is None and exclude is None:
        return shell.display(*objs, display_id=display_id, metadata=metadata, raw=raw, update=update)
    bundles = [_filtered(obj, raw, include, exclude) for obj in objs]
    for data, md in bundles:
        shell.display(data, display_id=display_id, metadata={**md, **(metadata or {})}, raw=True, update=update)
    return None


def _filtered(obj, raw, include, exclude):
    data, md = (obj, {}) if raw else oprel_magics.shell().format_bundle(obj)
    keep = {key: value for key, value in data.items() if (include is None or key in include)}
    keep = {key: value for key, value in keep.items() if not exclude or key not in exclude}
    return keep, {key: value for key, value in (md or {}).items() if key not in data or key in keep}


def update_display(obj, *, display_id, **kwargs):
    kwargs["update"] = True
    return display(obj, display_id=display_id, **kwargs)


def clear_output(wait=False):
    shell = oprel_magics._shell
    if shell is not None:
        shell.clear_output(wait=wait)


def publish_display_data(data, metadata=None, source=None, *, transient=None, **kwargs):
    display_id = (transient or {}).get("display_id")
    return display(data, metadata=metadata, raw=True, display_id=display_id, update=kwargs.get("update", False))


class DisplayHandle:
    """IPython's handle on one display: .display(obj) shows it, .update(obj) replaces it in place."""

    def __init__(self, display_id=None):
        if display_id is None:
            import uuid

            display_id = uuid.uuid4().hex
        self.display_id = display_id

    def __repr__(self):
        return "<%s display_id=%s>" % (self.__class__.__name__, self.display_id)

    def display(self, obj, **kwargs):
        display(obj, display_id=self.display_id, **kwargs)

    def update(self, obj, **kwargs):
        update_display(obj, display_id=self.display_id, **kwargs)


def set_matplotlib_formats(*formats, **kwargs):
    """Figure formats for the inline backend: 'png', 'retina', 'jpeg', 'svg', 'pdf'."""
    inline_backend["figure_formats"] = set(formats)
    inline_backend["print_figure_kwargs"] = {**inline_backend["print_figure_kwargs"], **kwargs}


def set_matplotlib_close(close=True):
    inline_backend["close_figures"] = close


# ---- captured output (%%capture, IPython.utils.capture) ----


class RichOutput:
    """One captured display: its MIME bundle, shown again by display() or by being a cell's result."""

    def __init__(self, data=None, metadata=None, transient=None, update=False):
        self.data = data or {}
        self.metadata = metadata or {}
        self.transient = transient or {}
        self.update = update

    def display(self):
        shell = oprel_magics.shell()
        shell.display(self.data, metadata=self.metadata, raw=True)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.data, self.metadata


class CapturedIO:
    """What `%%capture var` stores: .stdout, .stderr, .outputs, and .show() (or calling it) to replay."""

    def __init__(self, stdout, stderr, outputs=None):
        self._stdout = stdout
        self._stderr = stderr
        self._outputs = outputs or []

    def __str__(self):
        return self._stdout

    @property
    def stdout(self):
        return self._stdout

    @property
    def stderr(self):
        return self._stderr

    @property
    def outputs(self):
        return [_rich(item) for item in self._outputs]

    def show(self):
        sys.stdout.write(self._stdout)
        sys.stderr.write(self._stderr)
        for output in self.outputs:
            output.display()

    __call__ = show


def _rich(item):
    """The core's captured displays (dicts, (data, metadata) pairs or objects) as RichOutput."""
    if isinstance(item, RichOutput):
        return item
    if isinstance(item, dict):
        if "data" in item:
            return RichOutput(item.get("data"), item.get("metadata"), item.get("transient"), item.get("update"))
        return RichOutput(item)
    if isinstance(item, tuple):
        return RichOutput(*item)
    return RichOutput(getattr(item, "data", None), getattr(item, "metadata", None))


class capture_output:
    """IPython.utils.capture.capture_output: a context manager yielding a CapturedIO."""

    def __init__(self, stdout=True, stderr=True, display=True):
        self.stdout = stdout
        self.stderr = stderr
        self.display = display
        self._context = None
        self._captured = None

    def __enter__(self):
        self._context = oprel_magics.shell().capture(stdout=self.stdout, stderr=self.stderr, display=self.display)
        self._captured = self._context.__enter__()
        self.result = CapturedIO("", "", [])
        return self.result

    def __exit__(self, *exc):
        try:
            return self._context.__exit__(*exc)
        finally:
            captured = self._captured
            self.result.__init__(
                _text(captured, "stdout"), _text(captured, "stderr"), list(getattr(captured, "outputs", []) or [])
            )


def _text(captured, name):
    value = getattr(captured, name, "")
    if callable(value):
        value = value()
    if hasattr(value, "getvalue"):
        value = value.getvalue()
    return value or ""
