"""Directory, environment and file magics: %cd, %pwd, %env, %set_env, IPython's shell aliases, %%writefile."""

import os

import oprel_magics_system
from oprel_magics_registry import UsageError, cell_magic, line_magic, shell

_own_history = []


def _dir_history():
    """IPython's `_dh`: every directory %cd went to (the core seeds it with the start folder)."""
    history = shell().user_ns.get("_dh")
    return history if isinstance(history, list) else _own_history


def _unquote(text):
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


@line_magic("cd")
def cd(line, frame):
    """%cd [-q] [dir | -]: change the worker's directory and print it (no dir: home)."""
    text = line.strip()
    quiet = text == "-q" or text.startswith("-q ")
    target = _unquote(text[2:] if quiet else text)
    history = _dir_history()
    if not history:
        history.append(os.getcwd())
    if target == "-":
        if len(history) < 2:
            raise UsageError("%cd -: No previous directory to change to.")
        target = str(history[-2])
    target = os.path.expanduser(target) if target else os.path.expanduser("~")
    try:
        os.chdir(target)
    except OSError as error:
        print(error)  # IPython reports the problem and carries on
        return None
    cwd = os.getcwd()
    if cwd != str(history[-1]):
        history.append(cwd)
    if not quiet:
        print(cwd)
    return None


@line_magic("pwd")
def pwd(line, frame):
    return os.getcwd()


@line_magic("env")
def env(line, frame):
    """%env (all, secrets hidden), %env NAME (its value), %env NAME=value or %env NAME value (set)."""
    text = line.strip()
    if not text:
        shown = dict(os.environ)
        for key in shown:
            if any(word in key.lower() for word in ("key", "token", "secret")):
                shown[key] = "<hidden>"
        return shown
    if len(text.split("=" if "=" in text else " ")) == 1:
        if text in os.environ:
            return os.environ[text]
        raise UsageError("Environment does not have key: {0}".format(text))
    return set_env(text, frame)


@line_magic("set_env")
def set_env(line, frame):
    separator = "=" if "=" in line else " "
    bits = line.split(separator, 1)
    if not line.strip() or len(bits) < 2:
        raise UsageError("usage is 'set_env var=val'")
    name, value = bits[0].strip(), bits[1].strip()
    if any(char.isspace() for char in name):
        raise UsageError("refusing to set env var with whitespace: '{0}'".format(value))
    os.environ[name] = value
    print("env: {0}={1}".format(name, value))


# IPython's default shell aliases on Linux, usable as %ls, %ll, ...
_ALIASES = {
    "ls": "ls -F --color",
    "ll": "ls -F -o --color",
    "mkdir": "mkdir",
    "rmdir": "rmdir",
    "rm": "rm",
    "cp": "cp",
    "mv": "mv",
    "cat": "cat",
}


def _alias(name):
    def run(line, frame):
        return oprel_magics_system.system((_ALIASES[name] + " " + line).strip())

    run.__name__ = name
    line_magic(name)(run)


for _name in _ALIASES:
    _alias(_name)


@cell_magic("writefile", "file")
def writefile(line, cell, frame):
    """%%writefile (or %%file) [-a|--append] FILE: write the cell body to FILE (UTF-8), saying what it did."""
    words = line.split(None, 1)
    append = bool(words) and words[0] in ("-a", "--append")
    filename = words[1] if append and len(words) > 1 else ("" if append else line)
    filename = os.path.expanduser(_unquote(filename))
    if not filename:
        raise UsageError("the following arguments are required: filename")
    if os.path.exists(filename):
        print(("Appending to %s" if append else "Overwriting %s") % filename)
    else:
        print("Writing %s" % filename)
    with open(filename, "a" if append else "w", encoding="utf-8") as handle:
        handle.write(cell)
