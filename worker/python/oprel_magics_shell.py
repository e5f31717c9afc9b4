"""The magics machinery behind `_oprel_` / `get_ipython()`: running magics, interpolation, OprelIPython.

Imported the first time a cell uses IPython syntax or calls get_ipython(), never at start-up.
"""

import sys

# Each group adds its magics to the registry when imported.
import oprel_magics_debug  # noqa: F401
import oprel_magics_misc
import oprel_magics_os  # noqa: F401
import oprel_magics_run  # noqa: F401
import oprel_magics_share  # noqa: F401
import oprel_magics_system
import oprel_magics_timing  # noqa: F401
from oprel_magics_registry import UsageError, find, names

def register_magic(func, kind="line", name=None):
    """IPython's register_magic_function: func(line) / func(line, cell) / both for 'line_cell'."""
    import oprel_magics_registry as registry

    name = name or func.__name__
    if kind in ("line", "line_cell"):
        registry.USER_LINE[name] = _UserMagic(func, cell=False)
    if kind in ("cell", "line_cell"):
        registry.USER_CELL[name] = _UserMagic(func, cell=True)
    return func


class _UserMagic:
    def __init__(self, func, cell):
        self.func = func
        self.cell = cell
        self.no_var_expand = getattr(func, "_ipython_magic_no_var_expand", False)

    def __call__(self, line, *rest):
        frame = rest[-1]
        kwargs = {"local_ns": frame.f_locals} if getattr(self.func, "needs_local_scope", False) else {}
        if self.cell:
            return self.func(line, rest[0], **kwargs)
        return self.func(line, **kwargs)


def expand(text, frame):
    """`{expr}` and `$name` interpolation, evaluated in frame; on any failure the text stays as typed."""
    if "{" not in text and "$" not in text:
        return text
    import oprel_magics_expand

    return oprel_magics_expand.var_expand(text, frame)


def run_line_magic(name, line, frame):
    fn = find("line", name)
    if fn is None:
        extra = ""
        if _has("cell", name):
            extra = " (But cell magic `%%%%%s` exists, did you mean that instead?)" % name
        raise UsageError("Line magic function `%%%s` not found%s." % (name, extra))
    if not getattr(fn, "no_var_expand", False):
        line = expand(line, frame)
    return fn(line, frame)


def run_cell_magic(name, line, cell, frame):
    fn = find("cell", name)
    if fn is None:
        extra = ""
        if _has("line", name):
            extra = " (But line magic `%{0}` exists, did you mean that instead?)".format(name)
        raise UsageError("Cell magic `%%{0}` not found{1}.".format(name, extra))
    if cell == "":
        message = "%%{0} is a cell magic, but the cell body is empty.".format(name)
        if _has("line", name):
            message += " Did you mean the line magic %{0} (single %)?".format(name)
        raise UsageError(message)
    if not getattr(fn, "no_var_expand", False):
        line = expand(line, frame)
    return fn(line, cell, frame)


def _has(kind, name):
    return name in names(kind)


class _Events:
    """IPython's shell.events, as far as libraries use it (matplotlib registers post_execute)."""

    def __init__(self, shell):
        self._shell = shell
        self._pre = getattr(shell, "pre_execute_hooks", None)
        self._own = {}

    def _hooks(self, event):
        if event in ("post_execute", "post_run_cell"):
            return self._shell.post_execute_hooks
        if event in ("pre_execute", "pre_run_cell") and self._pre is not None:
            return self._pre
        return self._own.setdefault(event, [])

    def register(self, event, function):
        hooks = self._hooks(event)
        if event.endswith("run_cell"):
            function = _NoArgs(function, event)
        if function not in hooks:
            hooks.append(function)

    def unregister(self, event, function):
        hooks = self._hooks(event)
        for hook in list(hooks):
            if hook == function or getattr(hook, "function", None) == function:
                hooks.remove(hook)
                return
        raise ValueError("Function {!r} is not registered as a {} callback".format(function, event))

    def trigger(self, event, *args, **kwargs):
        for hook in list(self._hooks(event)):
            hook(*args, **kwargs)


class _NoArgs:
    """pre_run_cell/post_run_cell callbacks take an info/result argument; the core's hooks take none."""

    def __init__(self, function, event):
        import inspect

        self.function = function
        self.event = event
        try:
            inspect.signature(function).bind(None)
            self.takes_arg = True
        except (TypeError, ValueError):
            self.takes_arg = False

    def __call__(self, *args):
        if self.takes_arg:
            return self.function(args[0] if args else None)
        return self.function()

    def __eq__(self, other):
        return isinstance(other, _NoArgs) and other.function == self.function

    __hash__ = object.__hash__


class OprelIPython:
    """What `get_ipython()` returns: the parts of InteractiveShell that notebooks and libraries call.

    `config` is an empty dict and `kernel` is None, so libraries such as tqdm.auto choose their console
    flavour, and pandas formats as in Jupyter.
    """

    kernel = None

    def __init__(self, shell):
        self._shell = shell
        self.config = {}
        self.events = _Events(shell)

    @property
    def user_ns(self):
        return self._shell.user_ns

    user_global_ns = user_ns

    @property
    def execution_count(self):
        return self._shell.execution_count

    def run_line_magic(self, magic_name, line, _stack_depth=1):
        return run_line_magic(magic_name, line, sys._getframe(_stack_depth))

    def run_cell_magic(self, magic_name, line, cell):
        return run_cell_magic(magic_name, line, cell, sys._getframe(1))

    def magic(self, arg_s):
        name, _, line = arg_s.lstrip("%").partition(" ")
        return self.run_line_magic(name, line, _stack_depth=2)

    def system(self, cmd):
        return oprel_magics_system.system(expand(cmd, sys._getframe(1)))

    system_piped = system_raw = system

    def getoutput(self, cmd, split=True, depth=0):
        return oprel_magics_system.getoutput(expand(cmd, sys._getframe(depth + 1)), split)

    def var_expand(self, cmd, depth=0):
        return expand(cmd, sys._getframe(depth + 1))

    def pinfo(self, name, detail=0):
        return oprel_magics_misc.pinfo(name, detail, sys._getframe(1))

    def ev(self, expr):
        return eval(expr, self.user_ns)

    def ex(self, cmd):
        exec(cmd, self.user_ns)

    def run_cell(self, raw_cell, store_history=False, silent=False, shell_futures=True, cell_id=None):
        return self._shell.run_source(raw_cell)

    def push(self, variables, interactive=True):
        if isinstance(variables, str):
            frame = sys._getframe(1)
            names = variables.replace(",", " ").split()
            variables = {name: eval(name, frame.f_globals, frame.f_locals) for name in names}
        self.user_ns.update(variables)

    def register_magic_function(self, func, magic_kind="line", magic_name=None):
        register_magic(func, magic_kind, magic_name)

    def register_magics(self, *objs):
        """Magics classes (IPython's @magics_class) or instances of them."""
        for obj in objs:
            instance = obj(shell=None) if isinstance(obj, type) else obj
            instance.shell = self
            table = getattr(instance, "magics", None) or {}
            for kind in ("line", "cell"):
                for name, method in table.get(kind, {}).items():
                    bound = getattr(instance, method) if isinstance(method, str) else method
                    register_magic(bound, kind, name)

    def find_line_magic(self, name):
        return find("line", name)

    def find_cell_magic(self, name):
        return find("cell", name)

    def find_magic(self, name, magic_kind="line"):
        return find(magic_kind, name)

    def showtraceback(self, exc_tuple=None, *args, **kwargs):
        """An error output for the exception being handled, as in IPython; the cell goes on."""
        value = (exc_tuple or sys.exc_info())[1]
        if value is not None:
            self._shell.show_exception(value)

    def enable_gui(self, gui=None):
        return None

    def enable_matplotlib(self, gui=None):
        return self.run_line_magic("matplotlib", gui or "")

    def __repr__(self):
        return "<oprel worker shell>"
