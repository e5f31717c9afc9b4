"""IPython syntax for the worker: `!cmd`, `%line` and `%%cell` magics, and `get_ipython()`.

The core calls install(shell) once and transform_cell(source) before compiling each cell (docs/worker.md).
Both stay cheap: this module holds only them; the transform (oprel_magics_transform), the magics machinery
(oprel_magics_shell), the magics (oprel_magics_*), IPython and matplotlib support are imported on first use.
"""

import builtins
import os
import sys

import oprel_magics_registry
from oprel_ipython_compat import MPL_BACKEND

SHIM_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "shim")

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


def transform_cell(source):
    """IPython syntax -> plain Python calling the `_oprel_` helpers; source without any comes back as is."""
    if "!" not in source and "%" not in source and "?" not in source:
        return source
    import oprel_magics_transform

    return oprel_magics_transform.transform(source)


def install(shell):
    """Bind `_oprel_` and `get_ipython` into builtins; hook IPython and matplotlib support in, lazily.

    - shim/ is searched after everything else (_Shim): its stand-in IPython serves only where no real one
      is installed, and sys.path stays as the notebook expects it.
    - MPLBACKEND=module://oprel_mpl_backend (set by the controller, or by default) is taken out of the
      environment, where children such as `!python plot.py` would inherit it and fail to import the module,
      and applied to matplotlib the moment it is imported, as matplotlib itself applies the variable.
    """
    oprel_magics_registry.install(shell, get_ipython)
    builtins._oprel_ = _LazyIPython()
    builtins.get_ipython = get_ipython
    if _Shim not in sys.meta_path:
        sys.meta_path.append(_Shim)
    import oprel_post_import

    for name in ADAPTED_MODULES:
        oprel_post_import.when_imported(name, _adapt)
    if os.environ.get("MPLBACKEND", MPL_BACKEND) == MPL_BACKEND:
        os.environ.pop("MPLBACKEND", None)
        oprel_post_import.when_imported("matplotlib", _select_backend)
    shell.post_execute_hooks.append(flush_figures)


def get_ipython():
    """The worker's stand-in for IPython's InteractiveShell (None outside a worker, like IPython)."""
    global _ipython
    if _ipython is None and oprel_magics_registry._shell is not None:
        import oprel_magics_shell

        _ipython = oprel_magics_shell.OprelIPython(oprel_magics_registry.shell())
        builtins._oprel_ = _ipython
    return _ipython


class _Shim:
    """The last import finder: `IPython` from shim/, reached only when no real IPython was found."""

    path_finder = next(f for f in sys.meta_path if getattr(f, "__name__", "") == "PathFinder")

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        return cls.path_finder.find_spec(name, [SHIM_DIR]) if name == "IPython" else None


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
