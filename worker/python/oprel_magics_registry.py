"""The magics registry: every oprel_magics_* module adds its magics here, and everything that runs or
lists magics reads them from here. It imports none of the worker's modules, so imports run one way:
oprel_magics -> oprel_magics_shell -> oprel_magics_<group> -> oprel_magics_registry.

Line magics are called as fn(line, frame), cell magics as fn(line, cell, frame), where frame is the
user's frame that ran the line (for interpolation and locals).
"""

LINE = {}
CELL = {}
# Registered by the notebook (get_ipython().register_magic_function, @register_line_magic): these win.
USER_LINE = {}
USER_CELL = {}

_shell = None
_get_ipython = None


class UsageError(Exception):
    """A magic that does not exist or was called wrongly (IPython's name and wording)."""


def install(shell, get_ipython):
    """Called once by oprel_magics.install: the core's Shell and the function behind get_ipython()."""
    global _shell, _get_ipython
    _shell = shell
    _get_ipython = get_ipython


def shell():
    if _shell is None:
        raise RuntimeError("oprel_magics.install(shell) has not run")
    return _shell


def get_ipython():
    return _get_ipython() if _get_ipython is not None else None


def line_magic(*names, expand=True):
    """Decorator: the function is the line magic %name for each name. expand=False leaves `{x}` and
    `$x` in the line as typed (IPython's no_var_expand, as for %time)."""
    return _adder(LINE, names, expand)


def cell_magic(*names, expand=True):
    """Decorator: the function is the cell magic %%name for each name."""
    return _adder(CELL, names, expand)


def _adder(table, names, expand):
    def add(function):
        if not expand:
            function.no_var_expand = True
        for name in names:
            table[name] = function
        return function

    return add


def find(kind, name):
    """The callable for a magic, or None. The notebook's own magics win, as in IPython."""
    user, own = _tables(kind)
    return user.get(name) or own.get(name)


def names(kind):
    user, own = _tables(kind)
    return set(own) | set(user)


def _tables(kind):
    return (USER_LINE, LINE) if kind == "line" else (USER_CELL, CELL)
