"""%run [-i] [-n] FILE [args] and %run -m MODULE [args]: a script or notebook, as IPython runs it.

The program runs as `__main__` with sys.argv set, in a fresh namespace whose names then join the notebook's
(-i runs it in the notebook's namespace itself, -n keeps `__name__` from being `__main__`).
A .ipynb runs its code cells in order. `sys.exit(0)` ends the program quietly.
"""

import os
import shlex
import sys

from oprel_magics_registry import UsageError, line_magic, shell


@line_magic("run")
def run(line, frame):
    flags, words = _split(line)
    if not words:
        raise UsageError("%run needs a file name (or -m module).")
    user_ns = shell().user_ns
    saved_argv = sys.argv
    sys.argv = words[:]
    try:
        if "m" in flags:
            import runpy

            namespace = runpy.run_module(words[0], run_name="__main__", alter_sys=True)
        else:
            path = _find(words[0])
            sys.argv[0] = path
            namespace = user_ns if "i" in flags else {"__builtins__": __builtins__}
            namespace_name = namespace.get("__name__")
            namespace["__name__"] = words[0] if "n" in flags else "__main__"
            namespace["__file__"] = path
            try:
                _execute(path, namespace)
            finally:
                if namespace is user_ns:
                    namespace["__name__"] = namespace_name
        if namespace is not user_ns:
            user_ns.update({name: value for name, value in namespace.items() if not name.startswith("__")})
    except SystemExit as stop:
        if stop.code not in (None, 0):
            raise
    finally:
        sys.argv = saved_argv
    return None


def _split(line):
    flags = set()
    words = [os.path.expanduser(word) for word in shlex.split(line)]
    while words and words[0] in ("-i", "-n", "-m"):
        flags.add(words.pop(0)[1])
    return flags, words


def _find(name):
    for candidate in (name, name + ".py"):
        if os.path.isfile(candidate):
            return os.path.abspath(candidate)
    raise UsageError('File `%s` not found.' % name)


def _execute(path, namespace):
    if path.endswith(".ipynb"):
        import json

        with open(path, encoding="utf-8") as handle:
            notebook = json.load(handle)
        for cell in notebook.get("cells", []):
            if cell.get("cell_type") == "code":
                source = cell.get("source", "")
                source = "".join(source) if isinstance(source, list) else source
                exec(compile(shell().transform_cell(source), path, "exec"), namespace)
        return
    with open(path, "rb") as handle:
        code = compile(handle.read(), path, "exec")
    exec(code, namespace)
