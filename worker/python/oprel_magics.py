"""IPython syntax for the worker: `!cmd`, `%line` and `%%cell` magics, and `get_ipython()`.

The core calls install(shell) once and transform_cell(source) before compiling each cell (docs/worker.md).
Both stay cheap: this module holds only them; the transform (oprel_magics_transform), the magics machinery
(oprel_magics_shell), the magics (oprel_magics_*), IPython and matplotlib support are imported on first use.
"""

import builtins
import os
import sys

MPL_BACKEND = "module://oprel_mpl_backend"
SHIM_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "shim")

_shell = None
_ipython = None

# When these finish importing, oprel_ipython_compat adapts them (IPython's display functions, ...).
ADAPTED_MODULES = (
    "IPython",
    "IPython.core.getipython",
    "IPython.core.display_functions",
    "IPython.core.display",
    "IPython.display",
    "IPython.utils.capture",
    "matplotlib_inline.backend_inline",
)


class UsageError(Exception):
    """A magic that does not exist or was called wrongly (IPython's name and wording)."""


def transform_cell(source):
    """IPython syntax -> plain Python calling the `_oprel_` helpers; source without any comes back as is."""
    if "!" not in source and "%" not in source and "?" not in source:
        return source
    import oprel_magics_transform

    return oprel_magics_transform.transform(source)


def install(shell):
    """Bind `_oprel_` and `get_ipython` into builtins; hook IPython and matplotlib support in, lazily.

    - shim/ goes at the END of sys.path: its stand-in IPython serves only where no real one is installed.
    - MPLBACKEND=module://oprel_mpl_backend (set by the controller, or by default) is taken out of the
      environment, where children such as `!python plot.py` would inherit it and fail to import the module,
      and applied to matplotlib the moment it is imported, as matplotlib itself applies the variable.
    """
    global _shell
    _shell = shell
    builtins._oprel_ = _LazyIPython()
    builtins.get_ipython = get_ipython
    if SHIM_DIR not in sys.path:
        sys.path.append(SHIM_DIR)
    import oprel_post_import

    for name in ADAPTED_MODULES:
        oprel_post_import.when_imported(name, _adapt)
    if os.environ.get("MPLBACKEND", MPL_BACKEND) == MPL_BACKEND:
        os.environ.pop("MPLBACKEND", None)
        oprel_post_import.when_imported("matplotlib", _select_backend)
    shell.post_execute_hooks.append(flush_figures)


def shell():
    if _shell is None:
        raise RuntimeError("oprel_magics.install(shell) has not run")
    return _shell


def get_ipython():
    """The worker's stand-in for IPython's InteractiveShell (None outside a worker, like IPython)."""
    global _ipython
    if _ipython is None and _shell is not None:
        import oprel_magics_shell

        _ipython = oprel_magics_shell.OprelIPython(_shell)
        builtins._oprel_ = _ipython
    return _ipython


class _LazyIPython:
    """`_oprel_` until first used: then the real object, which also replaces this one in builtins."""

    def __getattr__(self, name):
        return getattr(get_ipython(), name)


def _adapt(module):
    import oprel_ipython_compat

    oprel_ipython_compat.adapt(module)


def _select_backend(matplotlib):
    if not os.environ.get("MPLBACKEND"):  # the notebook may have chosen one before importing matplotlib
        matplotlib.rcParams["backend"] = MPL_BACKEND


def flush_figures():
    """Post-execute hook: open pyplot figures become display_data, as with Jupyter's inline backend.
    Costs nothing unless matplotlib has loaded this worker's backend."""
    if "matplotlib.pyplot" not in sys.modules:
        return
    backend = sys.modules.get("oprel_mpl_backend")
    if backend is not None:
        backend.flush_figures()  # a figure that cannot be drawn: the core prints the hook's traceback
