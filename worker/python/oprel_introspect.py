"""Completion, inspection, namespace summary and syntax check.

These run on the reader thread, possibly while a cell runs, so they never execute user code beyond
attribute lookups on names that are already bound (and repr()/len() for the namespace summary).
Positions are in code points, as in Jupyter's protocol.
"""

import builtins
import keyword
import os
import sys
import time

PyCF_ALLOW_TOP_LEVEL_AWAIT = 0x2000
CHECK_FILENAME = "<oprel-syntax-check>"
PREVIEW_CHARS = 80
MAX_COLUMNS = 200
MAX_KEYS = 1000
HIDDEN = frozenset(("In", "Out", "exit", "quit", "get_ipython"))


def answer(shell, message):
    """The reply content for a complete/inspect/namespace/check_syntax request."""
    kind = message.get("type")
    code = message.get("code")
    code = code if isinstance(code, str) else ""
    pos = message.get("cursor_pos")
    pos = min(max(pos, 0), len(code)) if isinstance(pos, int) else len(code)
    try:
        if kind == "complete":
            return complete(shell, code, pos)
        if kind == "inspect":
            return inspect_at(shell, code, pos, message.get("detail_level") == 1)
        if kind == "namespace":
            return namespace(shell)
        return check_syntax(shell, code)
    except Exception as exc:  # a broken object must not break the question
        error = f"{type(exc).__name__}: {exc}"
        if kind == "complete":
            return {"matches": [], "cursor_start": pos, "cursor_end": pos, "error": error}
        if kind == "inspect":
            return {"found": False, "data": {}, "error": error}
        if kind == "namespace":
            return {"variables": [], "error": error}
        return {"ok": False, "message": error, "line": 1, "column": 1}


# ---- completion ----


def complete(shell, code, pos):
    before = code[:pos]
    line = before[before.rfind("\n") + 1 :]
    where, opened_at = _scan_line(line)
    if where == "string":
        matches, prefix = _key_or_path_matches(shell, line[:opened_at], line[opened_at + 1 :])
    elif where == "comment":
        matches, prefix = [], ""
    else:
        matches, prefix = _code_matches(shell, line)
    return {"matches": matches, "cursor_start": pos - len(prefix), "cursor_end": pos}


def _code_matches(shell, line):
    stripped = line.lstrip()
    if stripped.startswith(("import ", "from ")):
        found = _import_matches(stripped)
        if found is not None:
            return found
    token = _token_before(line)
    start = len(line) - len(token)
    if token.startswith(".") or (token[:1].isdigit()):
        return [], ""
    if "." in token:
        base, _, prefix = token.rpartition(".")
        names = _attributes(_resolve(shell, base))
    else:
        prefix = token
        marks = line[:start].lstrip()
        if marks in ("%", "%%"):
            return _sorted_matches(_magic_names(marks == "%%"), prefix), prefix
        names = set(shell.user_ns) | set(dir(builtins)) | set(keyword.kwlist)
    return _sorted_matches(names, prefix), prefix


def _sorted_matches(names, prefix):
    show_private = prefix.startswith("_")
    found = {n for n in names if isinstance(n, str) and n.startswith(prefix)}
    if not show_private:
        found = {n for n in found if not n.startswith("_")}
    return sorted(found, key=lambda n: (n.startswith("_"), n.lower(), n))


def _token_before(text):
    i = len(text)
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] in "_."):
        i -= 1
    return text[i:]


def _resolve(shell, dotted):
    """The object a dotted name refers to, by namespace lookup and getattr only."""
    parts = dotted.split(".")
    if not all(part.isidentifier() for part in parts):
        raise LookupError(dotted)
    namespace = shell.user_ns
    if parts[0] in namespace:
        obj = namespace[parts[0]]
    elif hasattr(builtins, parts[0]):
        obj = getattr(builtins, parts[0])
    else:
        raise LookupError(dotted)
    for part in parts[1:]:
        obj = getattr(obj, part)
    return obj


def _attributes(obj):
    try:
        names = set(dir(obj))
    except Exception:
        names = set(getattr(obj, "__dict__", {})) | set(dir(type(obj)))
    return names


def _magic_names(cell):
    try:
        import oprel_magics_registry
        import oprel_magics_shell  # noqa: F401  (its imports fill the registry)
    except ImportError:
        return []
    return list(oprel_magics_registry.names("cell" if cell else "line"))


def _scan_line(line):
    """Where the end of a line is: ("code", -1), ("comment", -1) or ("string", index of its quote)."""
    quote = None
    opened = -1
    i = 0
    while i < len(line):
        char = line[i]
        if quote is None:
            if char == "#":
                return "comment", -1
            if char in "'\"":
                quote, opened = char, i
        elif char == "\\":
            i += 1
        elif char == quote:
            quote = None
        i += 1
    return ("code", -1) if quote is None else ("string", opened)


def _key_or_path_matches(shell, head, partial):
    """Inside `obj["` complete the keys of obj; inside any other string, file names."""
    stripped = head.rstrip()
    if stripped.endswith("["):
        base = _token_before(stripped[:-1].rstrip())
        if base and not base.startswith("."):
            try:
                obj = _resolve(shell, base)
                keys = obj.keys() if callable(getattr(obj, "keys", None)) else ()
                names = [k for _, k in zip(range(MAX_KEYS * 10), keys) if isinstance(k, str)]
            except Exception:
                names = []
            matches = sorted(k for k in names if k.startswith(partial))[:MAX_KEYS]
            return matches, partial
    return _path_matches(partial)


def _path_matches(partial):
    folder, _, prefix = partial.rpartition("/")
    where = os.path.expanduser(folder + "/" if folder or partial.startswith("/") else ".")
    try:
        entries = list(os.scandir(where))
    except OSError:
        return [], prefix
    matches = []
    for entry in entries:
        if entry.name.startswith(prefix) and (prefix.startswith(".") or not entry.name.startswith(".")):
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            matches.append(entry.name + ("/" if is_dir else ""))
    return sorted(matches)[:MAX_KEYS], prefix


# ---- import completion (never imports anything) ----

_module_cache = {"key": None, "time": 0.0, "names": ()}


def _import_matches(stripped):
    words = stripped.split()
    ends_with_space = stripped[-1:].isspace()
    if words[0] == "from":
        if len(words) == 1 or (len(words) == 2 and not ends_with_space):
            token = words[1] if len(words) == 2 else ""
            return _module_matches(token)
        if len(words) >= 3 and words[2] == "import":
            token = "" if ends_with_space or stripped.endswith(",") else words[-1].split(",")[-1]
            if len(words) == 3 and not ends_with_space:
                token = ""
            module = sys.modules.get(words[1])
            names = set(dir(module)) if module is not None else set()
            names |= set(_submodules(words[1]))
            return _sorted_matches(names, token), token
        return None
    token = "" if ends_with_space or stripped.endswith(",") else words[-1].split(",")[-1]
    return _module_matches(token)


def _module_matches(token):
    package, _, prefix = token.rpartition(".")
    names = _submodules(package) if package else _top_level_modules()
    return _sorted_matches(names, prefix), prefix


def _submodules(package):
    module = sys.modules.get(package)
    paths = getattr(module, "__path__", None) or []
    return _modules_in(list(paths))


def _top_level_modules():
    key = tuple(sys.path)
    cache = _module_cache
    if cache["key"] != key or time.monotonic() - cache["time"] > 30:
        names = set(sys.builtin_module_names) | _modules_in([p or "." for p in sys.path])
        cache.update(key=key, time=time.monotonic(), names=tuple(names))
    return cache["names"]


def _modules_in(folders):
    names = set()
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except (OSError, TypeError):
            continue
        for entry in entries:
            name = entry.name
            if name.endswith(".py"):
                names.add(name[:-3])
            elif name.endswith((".so", ".pyd")):
                names.add(name.split(".", 1)[0])
            elif "." not in name and name.isidentifier():
                try:
                    if entry.is_dir():
                        names.add(name)
                except OSError:
                    pass
    names.discard("__init__")
    return {n for n in names if n.isidentifier()}


# ---- inspection ----


def inspect_at(shell, code, pos, detailed):
    name = _name_at(code, pos)
    if not name:
        return {"found": False, "data": {}}
    try:
        obj = _resolve(shell, name)
    except Exception:
        return {"found": False, "data": {}}
    return {"found": True, "data": {"text/plain": describe(obj, name, detailed)}}


def _name_at(code, pos):
    """The dotted name under (or just before) the cursor, else the function whose call holds it."""
    start = pos
    while start > 0 and (code[start - 1].isalnum() or code[start - 1] in "_."):
        start -= 1
    end = pos
    while end < len(code) and (code[end].isalnum() or code[end] == "_"):
        end += 1
    name = code[start:end].strip(".")
    if name and all(part.isidentifier() for part in name.split(".")):
        return name
    depth = 0
    for i in range(pos - 1, -1, -1):
        char = code[i]
        if char == ")":
            depth += 1
        elif char == "(":
            if depth == 0:
                return _name_at(code, i) if i > 0 else ""
            depth -= 1
        elif char == "\n" and depth == 0 and i < pos - 1 and code[i + 1 : pos].strip() == "":
            break
    return ""


def describe(obj, name, detailed):
    """IPython's `obj?` layout in plain text: signature, docstring, file, type."""
    import inspect

    fields = []
    kind = type(obj)
    if isinstance(obj, type):
        signature = _signature(obj)
        if signature is not None:
            fields.append(("Init signature", f"{name}{signature}"))
    elif callable(obj) and not hasattr(kind, "__len__"):
        signature = _signature(obj)
        if signature is not None:
            is_function = inspect.isroutine(obj)
            fields.append(("Signature" if is_function else "Call signature", f"{name}{signature}"))
    if not inspect.isroutine(obj) and not isinstance(obj, (type, type(sys))):
        fields.append(("String form", _cut(_safe_repr(obj), 300)))
        length = _length(obj)
        if length is not None:
            fields.append(("Length", str(length)))
    source = _source(obj) if detailed else None
    if source is not None:
        fields.append(("Source", source))
    else:
        doc = inspect.getdoc(obj)
        fields.append(("Docstring", doc if doc else "<no docstring>"))
        if isinstance(obj, type):
            own_init = vars(obj).get("__init__")
            init_doc = inspect.cleandoc(own_init.__doc__) if getattr(own_init, "__doc__", None) else None
            if init_doc and init_doc != doc:
                fields.append(("Init docstring", init_doc))
    path = _file(obj)
    if path:
        fields.append(("File", path))
    fields.append(("Type", kind.__name__))
    width = max(len(title) for title, _ in fields) + 2
    lines = []
    for title, value in fields:
        if "\n" in value or title in ("Docstring", "Source", "Init docstring"):
            lines.append(f"{title}:")
            lines.append(value)
        else:
            lines.append(f"{title + ':':<{width}}{value}")
    return "\n".join(lines)


def _signature(obj):
    import inspect

    try:
        return str(inspect.signature(obj))
    except (TypeError, ValueError):
        return None


def _source(obj):
    import inspect

    try:
        return inspect.getsource(obj if not _is_instance(obj) else type(obj)).rstrip("\n")
    except (TypeError, OSError):
        return None


def _file(obj):
    import inspect

    try:
        target = obj if not _is_instance(obj) else type(obj)
        path = inspect.getsourcefile(target) or inspect.getfile(target)
    except (TypeError, OSError):
        return None
    if path.startswith("<frozen "):  # stdlib modules frozen into the interpreter still have a file
        module = sys.modules.get(getattr(target, "__module__", None) or "")
        path = getattr(module, "__file__", None) or path
    if path.startswith("<"):
        return None
    import oprel_traceback

    return oprel_traceback.short_path(path)


def _is_instance(obj):
    import inspect

    return not (inspect.isclass(obj) or inspect.ismodule(obj) or inspect.isroutine(obj)
                or inspect.iscode(obj) or inspect.isframe(obj) or inspect.istraceback(obj))


# ---- namespace summary ----


def namespace(shell):
    hidden = shell.user_ns_hidden
    module_type = type(sys)
    variables = []
    for name, value in list(shell.user_ns.items()):
        if name.startswith("_") or name in HIDDEN or isinstance(value, module_type):
            continue
        if name in hidden and hidden[name] is value:
            continue
        variables.append(_summary(name, value))
    return {"variables": variables}


def _summary(name, value):
    kind = type(value)
    entry = {"name": name, "type": kind.__name__, "preview": _preview(value)}
    if isinstance(value, type) or callable(value) and not hasattr(kind, "__len__"):
        return entry
    try:
        shape = getattr(value, "shape", None)
        if isinstance(shape, tuple) and all(isinstance(d, int) for d in shape):
            entry["shape"] = [int(d) for d in shape]
    except Exception:
        pass
    length = _length(value)
    if length is not None:
        entry["length"] = length
    if kind.__name__ == "DataFrame" and kind.__module__.startswith("pandas"):
        try:
            entry["columns"] = [{"name": str(column), "dtype": str(dtype)}
                                for _, (column, dtype) in zip(range(MAX_COLUMNS), value.dtypes.items())]
        except Exception:
            pass
    return entry


def _length(value):
    if not hasattr(type(value), "__len__") or isinstance(value, type):
        return None
    try:
        length = len(value)
    except Exception:
        return None
    return length if isinstance(length, int) else None


_short_repr = None


def _preview(value):
    global _short_repr
    kind = type(value)
    if kind in (list, tuple, dict, set, frozenset, str, bytes):
        if _short_repr is None:
            import reprlib

            _short_repr = reprlib.Repr()
            _short_repr.maxstring = _short_repr.maxother = PREVIEW_CHARS
            _short_repr.maxlist = _short_repr.maxtuple = _short_repr.maxdict = 12
            _short_repr.maxset = _short_repr.maxfrozenset = 12
        text = _short_repr.repr(value)
    else:
        text = _safe_repr(value)
    return _cut(" ".join(text.split()), PREVIEW_CHARS)


def _safe_repr(value):
    try:
        import oprel_display

        return oprel_display.plain_text(value)
    except Exception:
        return f"<{type(value).__name__} object>"


def _cut(text, limit):
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---- syntax check ----


class _CheckModule:
    """Matches only the file name syntax checks compile under (a warnings filter's module)."""

    @staticmethod
    def match(module):
        return module == CHECK_FILENAME


_QUIET = ("ignore", None, Warning, _CheckModule(), 0)


def check_syntax(shell, code):
    """Compile without running. IPython syntax goes through the magics transform first."""
    _silence_check_warnings()
    transform = shell.transform_cell
    try:
        source = transform(code) if transform is not None else code
        compile(source, CHECK_FILENAME, "exec", PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
    except SyntaxError as exc:
        return {"ok": False, "message": exc.msg or str(exc), "line": exc.lineno or 1,
                "column": exc.offset or 1}
    except ValueError as exc:  # e.g. null bytes
        return {"ok": False, "message": str(exc), "line": 1, "column": 1}
    return {"ok": True}


def _silence_check_warnings():
    """SyntaxWarnings of a check must not land in the running cell's stderr. A warnings filter keyed
    on the check's file name does that without touching filters other threads may be using."""
    import warnings

    if _QUIET not in warnings.filters:
        warnings.filters.insert(0, _QUIET)
        mutated = getattr(warnings, "_filters_mutated", None)
        if mutated is not None:
            mutated()
