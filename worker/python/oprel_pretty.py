"""text/plain as IPython's pretty printer (IPython.lib.pretty) writes it, and the printer `p` that
`_repr_pretty_(self, p, cycle)` receives.

Line breaking follows IPython's algorithm so results wrap at the same places: text is buffered in
nested groups; when a line would pass max_width, the outermost group with pending breakables
breaks all of them (so a list goes one item per line), and groups that fit stay on one line.
Imported only when an object other than a plain scalar is formatted.
"""

import os
import types
from collections import deque
from contextlib import contextmanager

MAX_WIDTH = 79
MAX_SEQ_LENGTH = 1000  # longer containers end in "..."
_BUILTIN_MODULES = (None, "__builtin__", "builtins", "exceptions")


def pretty(obj, max_width=MAX_WIDTH, max_seq_length=MAX_SEQ_LENGTH):
    """The pretty text of obj."""
    printer = RepresentationPrinter(max_width=max_width, max_seq_length=max_seq_length)
    printer.pretty(obj)
    printer.flush()
    return printer.getvalue()


def _safe_getattr(obj, name, default=None):
    try:
        return getattr(obj, name, default)
    except Exception:
        return default


# ---- the layout engine ----


class _Group:
    __slots__ = ("depth", "breakables", "want_break")

    def __init__(self, depth):
        self.depth = depth
        self.breakables = deque()  # this group's separators still in the buffer
        self.want_break = False  # every separator of this group becomes a line break


class _Text:
    __slots__ = ("parts", "width")

    def __init__(self):
        self.parts = []
        self.width = 0


class _Breakable:
    __slots__ = ("sep", "width", "indentation", "group")

    def __init__(self, sep, indentation, group):
        self.sep = sep
        self.width = len(sep)
        self.indentation = indentation
        self.group = group


class PrettyPrinter:
    """The layout calls: text, breakable, break_, begin_group/end_group, group(), indent()."""

    def __init__(self, output=None, max_width=MAX_WIDTH, newline="\n", max_seq_length=MAX_SEQ_LENGTH):
        self.output = output  # a stream to write to, or None to collect (getvalue())
        self._parts = []
        self.max_width = max_width
        self.newline = newline
        self.max_seq_length = max_seq_length
        self.output_width = 0  # the column the written output ends at
        self.buffer_width = 0
        self.buffer = deque()  # _Text and _Breakable not yet written
        self.indentation = 0
        root = _Group(0)
        self.group_stack = [root]
        self._queue = []  # per depth, the groups that may still break, oldest first
        self._enqueue(root)

    def getvalue(self):
        return "".join(self._parts)

    def _write(self, text):
        if self.output is None:
            self._parts.append(text)
        else:
            self.output.write(text)

    def _newline(self):
        self._write(self.newline + " " * self.indentation)
        self.output_width = self.indentation
        self.buffer_width = 0

    # -- the group queue --

    def _enqueue(self, group):
        while len(self._queue) <= group.depth:
            self._queue.append([])
        self._queue[group.depth].append(group)

    def _dequeue(self):
        """The group to break next: at the shallowest depth, the newest group with separators.
        Groups at a shallower depth without any are marked broken and leave the queue."""
        for level in self._queue:
            for index, group in enumerate(reversed(level)):
                if group.breakables:
                    # IPython removes the entry at this index counted from the front, not the
                    # group itself; done the same way so lines break where IPython breaks them.
                    del level[index]
                    group.want_break = True
                    return group
            for group in level:
                group.want_break = True
            level.clear()
        return None

    def _forget(self, group):
        level = self._queue[group.depth]
        for index, queued in enumerate(level):
            if queued is group:
                del level[index]
                return

    # -- writing the buffer --

    def _emit(self, item):
        if type(item) is _Text:
            for part in item.parts:
                self._write(part)
            self.output_width += item.width
            return
        group = item.group
        group.breakables.popleft()
        if group.want_break:
            self._write(self.newline + " " * item.indentation)
            self.output_width = item.indentation
            return
        if not group.breakables:
            self._forget(group)
        self._write(item.sep)
        self.output_width += item.width

    def _break_group(self, group):
        while group.breakables:
            item = self.buffer.popleft()
            self._emit(item)
            self.buffer_width -= item.width
        while self.buffer and type(self.buffer[0]) is _Text:
            item = self.buffer.popleft()
            self._emit(item)
            self.buffer_width -= item.width

    def _fit(self):
        while self.output_width + self.buffer_width > self.max_width:
            group = self._dequeue()
            if group is None:
                return
            self._break_group(group)

    # -- the public calls --

    def text(self, obj):
        """Literal text."""
        width = len(obj)
        if not self.buffer:
            self._write(obj)
            self.output_width += width
            return
        last = self.buffer[-1]
        if type(last) is not _Text:
            last = _Text()
            self.buffer.append(last)
        last.parts.append(obj)
        last.width += width
        self.buffer_width += width
        self._fit()

    def breakable(self, sep=" "):
        """A place to break the line; when the group is not broken, sep is written instead."""
        group = self.group_stack[-1]
        if group.want_break:
            self.flush()
            self._newline()
            return
        item = _Breakable(sep, self.indentation, group)
        group.breakables.append(item)
        self.buffer.append(item)
        self.buffer_width += item.width
        self._fit()

    def break_(self):
        """A line break here, whatever fits."""
        group = self._dequeue()
        if group is not None:
            self._break_group(group)
        self.flush()
        self._newline()

    def begin_group(self, indent=0, open=""):
        """Start a group; lines it breaks are indented by indent more (usually len(open))."""
        if open:
            self.text(open)
        group = _Group(self.group_stack[-1].depth + 1)
        self.group_stack.append(group)
        self._enqueue(group)
        self.indentation += indent

    def end_group(self, dedent=0, close=""):
        self.indentation -= dedent
        group = self.group_stack.pop()
        if not group.breakables:
            self._forget(group)
        if close:
            self.text(close)

    @contextmanager
    def group(self, indent=0, open="", close=""):
        self.begin_group(indent, open)
        try:
            yield
        finally:
            self.end_group(indent, close)

    @contextmanager
    def indent(self, indent):
        self.indentation += indent
        try:
            yield
        finally:
            self.indentation -= indent

    def flush(self):
        """Write out what is buffered."""
        while self.buffer:
            self._emit(self.buffer.popleft())
        self.buffer_width = 0

    def _enumerate(self, seq):
        """enumerate(seq) that stops after max_seq_length items with ", ..."."""
        limit = self.max_seq_length
        for index, item in enumerate(seq):
            if limit and index >= limit:
                self.text(",")
                self.breakable()
                self.text("...")
                return
            yield index, item


class RepresentationPrinter(PrettyPrinter):
    """PrettyPrinter plus pretty(obj): IPython's lookup of a printer for each object."""

    def __init__(self, output=None, verbose=False, max_width=MAX_WIDTH, newline="\n",
                 singleton_pprinters=None, type_pprinters=None, deferred_pprinters=None,
                 max_seq_length=MAX_SEQ_LENGTH):
        super().__init__(output, max_width, newline, max_seq_length)
        self.verbose = verbose
        self.stack = []  # ids of the objects being printed, for cycles
        self.singleton_pprinters = dict(SINGLETON_PRINTERS) if singleton_pprinters is None else singleton_pprinters
        self.type_pprinters = dict(TYPE_PRINTERS) if type_pprinters is None else type_pprinters
        self.deferred_pprinters = dict(DEFERRED_PRINTERS) if deferred_pprinters is None else deferred_pprinters

    def pretty(self, obj):
        """Print obj: a registered printer, _repr_pretty_, its own __repr__, or <Class at 0x…>."""
        obj_id = id(obj)
        cycle = obj_id in self.stack
        self.stack.append(obj_id)
        self.begin_group()
        try:
            printer = self.singleton_pprinters.get(obj_id)
            if printer is not None:
                return printer(obj, self, cycle)
            cls = _safe_getattr(obj, "__class__") or type(obj)
            for klass in _mro(cls):
                printer = self._printer_for(klass)
                if printer is not None:
                    return printer(obj, self, cycle)
                namespace = _safe_getattr(klass, "__dict__") or {}
                if "_repr_pretty_" in namespace:
                    method = klass._repr_pretty_
                    if callable(method):
                        return method(obj, self, cycle)
                if klass is not object and callable(namespace.get("__repr__")):
                    return _repr_lines(obj, self, cycle)
            return _default(obj, self, cycle)
        finally:
            self.end_group()
            self.stack.pop()

    def _printer_for(self, klass):
        try:
            printer = self.type_pprinters.get(klass)
        except TypeError:  # an unhashable class
            return None
        if printer is None and self.deferred_pprinters:
            key = (_safe_getattr(klass, "__module__"), _safe_getattr(klass, "__name__"))
            printer = self.deferred_pprinters.pop(key, None)
            if printer is not None:
                self.type_pprinters[klass] = printer
        return printer


def _mro(cls):
    mro = _safe_getattr(cls, "__mro__")
    return mro if isinstance(mro, tuple) else (cls,)


# ---- printers: (obj, p, cycle) ----


def _repr_lines(obj, p, cycle):
    """repr(obj), its lines broken at the printer's indentation."""
    with p.group():
        for index, line in enumerate(repr(obj).splitlines()):
            if index:
                p.break_()
            p.text(line)


def _default(obj, p, cycle):
    """<module.Class at 0x…> for an object with object's own __repr__."""
    cls = _safe_getattr(obj, "__class__") or type(obj)
    if _safe_getattr(cls, "__repr__") is not object.__repr__:
        return _repr_lines(obj, p, cycle)
    p.begin_group(1, "<")
    p.pretty(cls)
    p.text(f" at 0x{id(obj):x}")
    if cycle:
        p.text(" ...")
    p.end_group(1, ">")


def _separated(p, items, show):
    """show(item) for each item, a comma and a breakable between them; cut at max_seq_length."""
    for index, item in p._enumerate(items):
        if index:
            p.text(",")
            p.breakable()
        show(item)


def _sequence(open_, close):
    def print_sequence(obj, p, cycle):
        if cycle:
            return p.text(open_ + "..." + close)
        p.begin_group(len(open_), open_)
        _separated(p, obj, p.pretty)
        if isinstance(obj, tuple) and len(obj) == 1:
            p.text(",")
        p.end_group(len(open_), close)

    return print_sequence


def _set(open_, close):
    def print_set(obj, p, cycle):
        if cycle:
            return p.text(open_ + "..." + close)
        if not obj:
            return p.text(type(obj).__name__ + "()")
        items = obj
        if not (p.max_seq_length and len(obj) >= p.max_seq_length):
            items = _sorted(obj)  # a stable order where the items allow one, as IPython shows sets
        p.begin_group(len(open_), open_)
        _separated(p, items, p.pretty)
        p.end_group(len(open_), close)

    return print_set


def _sorted(items):
    items = list(items)
    for key in (None, str):
        try:
            return sorted(items, key=key)
        except Exception:
            pass
    return items


def _mapping(open_, close):
    def print_mapping(obj, p, cycle):
        if cycle:
            return p.text("{...}")
        def item(key):
            p.pretty(key)
            p.text(": ")
            p.pretty(obj[key])

        p.begin_group(len(open_), open_)
        _separated(p, obj.keys(), item)
        p.end_group(len(open_), close)

    return print_mapping


def _type(obj, p, cycle):
    """A class by its name: `int`, `module.Class`; a metaclass's own __repr__ wins."""
    owner = next((klass for klass in _mro(type(obj)) if "__repr__" in vars(klass)), None)
    if owner is not type:
        return _repr_lines(obj, p, cycle)
    name = _safe_getattr(obj, "__qualname__")
    if not isinstance(name, str):
        name = _safe_getattr(obj, "__name__")
        if not isinstance(name, str):
            name = "<unknown type>"
    module = _safe_getattr(obj, "__module__")
    p.text(name if module in _BUILTIN_MODULES else f"{module}.{name}")


def _function(obj, p, cycle):
    """<function module.name(signature)>"""
    name = _safe_getattr(obj, "__qualname__", obj.__name__)
    module = obj.__module__
    if module not in _BUILTIN_MODULES and module:
        name = f"{module}.{name}"
    from inspect import signature

    try:
        name += str(signature(obj))
    except (ValueError, TypeError):
        pass
    p.text(f"<function {name}>")


def _exception(obj, p, cycle):
    """ValueError('message'), or module.Error(...) for exceptions outside builtins."""
    cls = obj.__class__
    name = getattr(cls, "__qualname__", cls.__name__)
    if cls.__module__ not in ("exceptions", "builtins"):
        name = f"{cls.__module__}.{name}"
    p.pretty(CallExpression(name, *getattr(obj, "args", ())))


def _super(obj, p, cycle):
    p.begin_group(8, "<super: ")
    p.pretty(obj.__thisclass__)
    p.text(",")
    p.breakable()
    p.pretty(obj.__self__)
    p.end_group(8, ">")


_RE_FLAGS = (("TEMPLATE", 1), ("IGNORECASE", 2), ("LOCALE", 4), ("MULTILINE", 8), ("DOTALL", 16),
             ("UNICODE", 32), ("VERBOSE", 64), ("DEBUG", 128))


def _pattern(obj, p, cycle):
    """re.compile(r'pattern', re.FLAGS)"""
    args = [RawStringLiteral(obj.pattern)]
    if obj.flags:
        names = [f"re.{name}" for name, bit in _RE_FLAGS if obj.flags & bit]
        args.append(RawText("|".join(names)))
    p.pretty(CallExpression("re.compile", *args))


def _namespace(obj, p, cycle):
    if cycle:
        return p.pretty(CallExpression("namespace", RawText("...")))
    p.pretty(CallExpression("namespace", **obj.__dict__))


def _constructor(arguments):
    """Printer for a collections type: ClassName(arguments(obj)...), ClassName(...) in a cycle."""

    def print_call(obj, p, cycle):
        name = obj.__class__.__name__
        if cycle:
            return p.pretty(CallExpression(name, RawText("...")))
        args, kwargs = arguments(obj)
        p.pretty(CallExpression(name, *args, **kwargs))

    return print_call


def _deque_arguments(obj):
    return ([list(obj)], {} if obj.maxlen is None else {"maxlen": obj.maxlen})


class RawText:
    """p.pretty(RawText(s)) is p.text(s)."""

    def __init__(self, value):
        self.value = value

    def _repr_pretty_(self, p, cycle):
        p.text(self.value)


class RawStringLiteral:
    """A string shown with an r prefix."""

    def __init__(self, value):
        self.value = value

    def _repr_pretty_(self, p, cycle):
        text = repr(self.value)
        prefix = "r"
        if text[:1] in "uU":
            text, prefix = text[1:], "ur"
        p.text(prefix + text.replace("\\\\", "\\"))


class CallExpression:
    """name(arg, ..., key=value, ...), wrapped like a container."""

    def __init__(self, name, /, *args, **kwargs):  # positional only: kwargs may hold any name
        self.name = name
        self.args = args
        self.kwargs = kwargs

    @classmethod
    def factory(cls, name):
        return lambda *args, **kwargs: cls(name, *args, **kwargs)

    def _repr_pretty_(self, p, cycle):
        prefix = self.name + "("
        with p.group(len(prefix), prefix, ")"):
            items = [(None, arg) for arg in self.args] + list(self.kwargs.items())
            for index, (key, value) in enumerate(items):
                if index:
                    p.text(",")
                    p.breakable()
                if key is None:
                    p.pretty(value)
                else:
                    with p.group(len(key) + 1, key + "="):
                        p.pretty(value)


TYPE_PRINTERS = {
    int: _repr_lines,
    float: _repr_lines,
    str: _repr_lines,
    bytes: _repr_lines,
    range: _repr_lines,
    slice: _repr_lines,
    tuple: _sequence("(", ")"),
    list: _sequence("[", "]"),
    dict: _mapping("{", "}"),
    types.MappingProxyType: _mapping("mappingproxy({", "})"),
    set: _set("{", "}"),
    frozenset: _set("frozenset({", "})"),
    super: _super,
    type: _type,
    types.FunctionType: _function,
    types.BuiltinFunctionType: _function,
    types.MethodType: _repr_lines,
    types.SimpleNamespace: _namespace,
    BaseException: _exception,
}
if type(os.environ) is not dict:
    TYPE_PRINTERS[type(os.environ)] = _mapping("environ{", "}")

# Printers for types found by module and name, so their modules need not be imported.
DEFERRED_PRINTERS = {
    ("re", "Pattern"): _pattern,
    ("collections", "defaultdict"): _constructor(lambda obj: ([obj.default_factory, dict(obj)], {})),
    ("collections", "OrderedDict"): _constructor(lambda obj: ([list(obj.items())] if obj else [], {})),
    ("collections", "deque"): _constructor(_deque_arguments),
    ("collections", "Counter"): _constructor(lambda obj: ([dict(obj)] if obj else [], {})),
    ("collections", "UserList"): _constructor(lambda obj: ([obj.data], {})),
}

SINGLETON_PRINTERS = dict.fromkeys(map(id, (None, True, False, Ellipsis, NotImplemented)), _repr_lines)


# ---- IPython.lib.pretty's registration calls (the shim's IPython.lib.pretty offers them) ----


def for_type(typ, func):
    """Print instances of typ (and subclasses) with func(obj, p, cycle); returns the previous printer."""
    previous = TYPE_PRINTERS.get(typ)
    if func is not None:
        TYPE_PRINTERS[typ] = func
    return previous


def for_type_by_name(type_module, type_name, func):
    """for_type for a class named by its module and name, without importing it."""
    previous = DEFERRED_PRINTERS.get((type_module, type_name))
    if func is not None:
        DEFERRED_PRINTERS[(type_module, type_name)] = func
    return previous


def pprint(obj, max_width=MAX_WIDTH, max_seq_length=MAX_SEQ_LENGTH):
    """Print the pretty text of obj to stdout."""
    print(pretty(obj, max_width=max_width, max_seq_length=max_seq_length))
