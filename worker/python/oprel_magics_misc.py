"""The remaining magics: %matplotlib, %config, extensions, %who/%whos, %reset, %lsmagic, %%capture,
the display cell magics (%%html, %%markdown, %%latex, %%javascript, %%svg) and `obj?` help."""

import sys

import oprel_ipython_compat
from oprel_magics_registry import UsageError, cell_magic, find, get_ipython, line_magic, names, shell


def _note(text):
    print("oprel: " + text, file=sys.stderr)


# ---- matplotlib and configuration ----


@line_magic("matplotlib")
def matplotlib(line, frame):
    """%matplotlib [inline]: figures are always shown inline; other GUIs cannot open in a worker."""
    gui = line.split()[0] if line.split() else ""
    if gui in ("", "inline"):
        pyplot = sys.modules.get("matplotlib.pyplot")
        if pyplot is not None and str(pyplot.get_backend()).lower() != oprel_ipython_compat.MPL_BACKEND:
            pyplot.switch_backend(oprel_ipython_compat.MPL_BACKEND)
        return None
    _note("%%matplotlib %s is not available here; figures are shown inline." % gui)
    return None


@line_magic("config")
def config(line, frame):
    """%config InlineBackend.<option> = value sets the figure options; anything else is accepted and noted."""
    import ast

    name, _, value = line.partition("=")
    name = name.strip()
    options = oprel_ipython_compat.inline_backend
    if not name:
        print("Available objects for config:\n    InlineBackend")
        return None
    if name.startswith("InlineBackend.") and value.strip():
        option = name.split(".", 1)[1]
        parsed = ast.literal_eval(value.strip())
        if option == "figure_format":
            options["figure_formats"] = {parsed}
            return None
        if option == "figure_formats":
            options["figure_formats"] = set(parsed)
            return None
        if option in ("print_figure_kwargs", "close_figures", "rc"):
            options[option] = parsed
            if option == "rc" and "matplotlib" in sys.modules:
                sys.modules["matplotlib"].rcParams.update(parsed)
            return None
    _note("%%config %s has no effect here." % line.strip())
    return None


@line_magic("precision")
def accepted(line, frame):
    """Magics a notebook may use for the IPython console only (%precision): accepted, no effect."""
    return None


_loaded_extensions = set()


@line_magic("load_ext")
def load_ext(line, frame):
    """%load_ext NAME: autoreload is built in; other modules get load_ipython_extension(ip) called."""
    name = line.strip()
    if not name:
        raise UsageError("Missing module name.")
    if name in _loaded_extensions:
        print("The %s extension is already loaded. To reload it, use:\n  %%reload_ext %s" % (name, name))
        return None
    _load(name)
    return None


@line_magic("reload_ext")
def reload_ext(line, frame):
    name = line.strip()
    _loaded_extensions.discard(name)
    _load(name, reload=True)


@line_magic("unload_ext")
def unload_ext(line, frame):
    name = line.strip()
    module = sys.modules.get(name)
    hook = getattr(module, "unload_ipython_extension", None)
    if hook is not None and name in _loaded_extensions:
        hook(get_ipython())
    _loaded_extensions.discard(name)


def _load(name, reload=False):
    if name != "autoreload":
        import importlib

        module = importlib.import_module(name)
        if reload:
            module = importlib.reload(module)
        hook = getattr(module, "load_ipython_extension", None)
        if hook is None:
            raise UsageError(
                "%s is not an IPython extension (no load_ipython_extension)." % name
            )
        hook(get_ipython())
    _loaded_extensions.add(name)


@line_magic("autoreload")
def autoreload(line, frame):
    import oprel_magics_autoreload

    oprel_magics_autoreload.set_mode(line.strip())


@line_magic("aimport")
def aimport(line, frame):
    import oprel_magics_autoreload

    oprel_magics_autoreload.aimport(line, frame)


# ---- the namespace ----


def _user_names(type_names=()):
    """Names the notebook defined: not `_`-prefixed, not put there by the worker, optionally by type name."""
    user_ns = shell().user_ns
    hidden = getattr(shell(), "user_ns_hidden", {})
    names = []
    for name, value in user_ns.items():
        if name.startswith("_") or (name in hidden and hidden[name] is value):
            continue
        if type_names and type(value).__name__ not in type_names:
            continue
        names.append(name)
    return sorted(names)


@line_magic("who_ls")
def who_ls(line, frame):
    return _user_names(line.split())


@line_magic("who")
def who(line, frame):
    names = _user_names(line.split())
    if not names:
        return _nothing_to_list(line)
    for index, name in enumerate(names, 1):  # IPython's layout: tab-separated, nine names a line
        print(name + "\t", end=" ")
        if index % 9 == 0:
            print()
    print()
    return None


def _nothing_to_list(line):
    print("No variables match your requested type." if line.split() else "Interactive namespace is empty.")


@line_magic("whos")
def whos(line, frame):
    names = _user_names(line.split())
    if not names:
        return _nothing_to_list(line)
    user_ns = shell().user_ns
    rows = [(name, type(user_ns[name]).__name__, _data_info(user_ns[name])) for name in names]
    name_width = max(len("Variable"), *(len(row[0]) for row in rows)) + 3
    type_width = max(len("Type"), *(len(row[1]) for row in rows)) + 3
    print("Variable".ljust(name_width) + "Type".ljust(type_width) + " Data/Info")
    print("-" * (name_width + type_width + len("Data/Info") + 1))
    for name, type_name, info in rows:
        print(name.ljust(name_width) + type_name.ljust(type_width) + " " + info)
    return None


def _data_info(value):
    if type(value) in (dict, list, tuple):  # exactly these, as IPython (an SList shows its items)
        return "n=%d" % len(value)
    shape = getattr(value, "shape", None)
    if isinstance(shape, tuple) and hasattr(value, "dtype") and hasattr(value, "nbytes"):
        return "%s: %s elems, type `%s`, %s bytes" % (
            "x".join(map(str, shape)),
            getattr(value, "size", "?"),
            value.dtype,
            value.nbytes,
        )
    try:
        text = str(value).replace("\n", "\\n")
    except Exception:
        text = "<unprintable>"
    return text if len(text) < 50 else text[:25] + "<...>" + text[-25:]


@line_magic("reset")
def reset(line, frame):
    """%reset [-f]: forget the notebook's variables (asks first unless -f, as IPython does)."""
    if "-f" not in line.split():
        answer = input("Once deleted, variables cannot be recovered. Proceed (y/[n])? ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing done.")
            return None
    user_ns = shell().user_ns
    for name in _user_names():
        del user_ns[name]
    return None


@line_magic("lsmagic")
def lsmagic(line, frame):
    print("Available line magics:")
    print("  ".join("%" + name for name in sorted(names("line"))))
    print()
    print("Available cell magics:")
    print("  ".join("%%" + name for name in sorted(names("cell"))))


# ---- cell magics ----


@cell_magic("capture")
def capture(line, cell, frame):
    """%%capture [--no-stdout] [--no-stderr] [--no-display] [var]: run the cell, keep what it shows."""
    words = line.split()
    unknown = [word for word in words if word.startswith("-") and word not in _CAPTURE_FLAGS]
    if unknown or len([word for word in words if not word.startswith("-")]) > 1:
        raise UsageError("usage: %%capture [--no-stderr] [--no-stdout] [--no-display] [output]")
    target = next((word for word in words if not word.startswith("-")), None)
    streams = {
        "stdout": "--no-stdout" not in words,
        "stderr": "--no-stderr" not in words,
        "display": "--no-display" not in words,
    }
    core = shell()
    with core.capture(**streams) as captured:
        value = core.run_source("\n" + cell)
        if value is not None:
            core.display(value)
    if target:
        core.user_ns[target] = captured
    return None


_CAPTURE_FLAGS = ("--no-stdout", "--no-stderr", "--no-display")


def _show(mime, kind, body, metadata=None):
    bundle = {mime: body, "text/plain": "<IPython.core.display.%s object>" % kind}
    shell().display(bundle, metadata=metadata or {}, raw=True)


@cell_magic("html")
def html(line, cell, frame):
    isolated = "--isolated" in line.split() or "-i" in line.split()
    _show("text/html", "HTML", cell, {"text/html": {"isolated": True}} if isolated else None)


@cell_magic("markdown")
def markdown(line, cell, frame):
    _show("text/markdown", "Markdown", cell)


@cell_magic("latex")
def latex(line, cell, frame):
    _show("text/latex", "Latex", cell)


@cell_magic("javascript", "js")
def javascript(line, cell, frame):
    _show("application/javascript", "Javascript", cell)


@cell_magic("svg")
def svg(line, cell, frame):
    _show("image/svg+xml", "SVG", oprel_ipython_compat.svg_element(cell))


# ---- obj? and obj?? ----


def _magic_function(name):
    found = find("line", name) or find("cell", name)
    if found is None:
        raise LookupError(name)
    return getattr(found, "func", found)


def pinfo(name, detail, frame):
    """Print what IPython's help pager shows: signature, docstring (or source with ??), file and type."""
    import inspect

    try:
        if name.startswith("%"):
            print("Docstring: " + (inspect.getdoc(_magic_function(name[1:])) or "<no docstring>"))
            return None
        value = eval(name, frame.f_globals, frame.f_locals)
    except Exception:
        print("Object `%s` not found." % name)
        return None
    fields = []
    if callable(value):
        try:
            fields.append(("Signature", name.split(".")[-1] + str(inspect.signature(value))))
        except (TypeError, ValueError):
            pass
    else:
        text = repr(value)
        fields.append(("String form", text if len(text) < 200 else text[:200] + "..."))
    source = None
    if detail:
        try:
            source = inspect.getsource(value)
        except (TypeError, OSError):
            source = None
    if source:
        fields.append(("Source", "\n" + source.rstrip()))
    else:
        fields.append(("Docstring", inspect.getdoc(value) or "<no docstring>"))
    try:
        fields.append(("File", inspect.getfile(value)))
    except TypeError:
        pass
    fields.append(("Type", type(value).__name__))
    width = max(len(label) for label, _ in fields) + 2
    for label, text in fields:
        print((label + ":").ljust(width) + text)
    return None
