"""Registering magics (register_line_magic, @magics_class, ...) with the oprel worker."""

from IPython.core.getipython import get_ipython

__oprel_shim__ = True


def _register(kind, arg):
    """Works bare (@register_line_magic) and with a name (@register_line_magic("name"))."""
    if callable(arg):
        get_ipython().register_magic_function(arg, kind, arg.__name__)
        return arg

    def decorator(func):
        get_ipython().register_magic_function(func, kind, arg or func.__name__)
        return func

    return decorator


def register_line_magic(arg):
    return _register("line", arg)


def register_cell_magic(arg):
    return _register("cell", arg)


def register_line_cell_magic(arg):
    return _register("line_cell", arg)


def _mark(kind, arg):
    def mark(func, name=None):
        func._oprel_magic = (kind, name or func.__name__)
        return func

    if callable(arg):
        return mark(arg)
    return lambda func: mark(func, arg)


def line_magic(arg=None):
    return _mark("line", arg)


def cell_magic(arg=None):
    return _mark("cell", arg)


def line_cell_magic(arg=None):
    return _mark("line_cell", arg)


def magics_class(cls):
    """Collect the methods marked by @line_magic/@cell_magic into cls.magics, as IPython does."""
    table = {"line": {}, "cell": {}}
    for attribute, value in vars(cls).items():
        kind, name = getattr(value, "_oprel_magic", (None, None))
        if kind in ("line", "line_cell"):
            table["line"][name] = attribute
        if kind in ("cell", "line_cell"):
            table["cell"][name] = attribute
    cls.magics = table
    cls.registered = True
    return cls


class Magics:
    """Base class for a group of magics; register with get_ipython().register_magics(MyMagics)."""

    magics = {"line": {}, "cell": {}}
    registered = False

    def __init__(self, shell=None, **kwargs):
        self.shell = shell


def needs_local_scope(func):
    func.needs_local_scope = True
    return func


def no_var_expand(func):
    func._ipython_magic_no_var_expand = True
    return func
