"""oprel's stand-in for IPython, used only when IPython is not installed (it sits at the end of sys.path).

It offers what notebooks import from IPython: `IPython.display`, `get_ipython`, `IPython.core.magic`,
`IPython.utils.capture`, backed by the oprel worker. Install IPython to get the real thing.
"""

from IPython.core.getipython import get_ipython
from IPython import display  # noqa: F401 - `import IPython; IPython.display.HTML(...)` works as with IPython

__oprel_shim__ = True
version_info = (8, 0, 0, "oprel")
__version__ = "8.0.0+oprel"


def embed(*args, **kwargs):
    raise NotImplementedError("IPython.embed() needs IPython; oprel only provides a stand-in for notebooks.")


__all__ = ["get_ipython", "display", "embed", "version_info", "__version__"]
