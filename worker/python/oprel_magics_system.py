"""Shell commands: `!cmd`, `x = !cmd`, %sx, %pip, %conda, %%bash, %%sh and %%script.

Children inherit the worker's fd 1/2, which the core captures, so their output lands in the cell in order.
Python-level buffers are flushed before a child starts and the fds after it ends, to keep that order.
`subprocess` is imported on first use, so loading the magics (as any magic does) stays cheap.
"""

import os
import shlex
import sys

from oprel_magics_registry import UsageError, cell_magic, line_magic, shell

RESTART_NOTE = "Note: you may need to restart the kernel to use updated packages."


def _before_child():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass


def _after_child():
    flush = getattr(shell(), "flush_fds", None)
    if flush is not None:
        flush()


def system(cmd):
    """Run cmd with /bin/sh; its exit status goes to `_exit_code` as in IPython."""
    import subprocess

    _before_child()
    try:
        status = subprocess.call(cmd, shell=True)
    finally:
        _after_child()
    shell().user_ns["_exit_code"] = status
    return None


def getoutput(cmd, split=True):
    """stdout and stderr of cmd together, as an SList of lines (or an LSString when split is false)."""
    import subprocess

    _before_child()
    done = subprocess.run(cmd, shell=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    shell().user_ns["_exit_code"] = done.returncode
    text = done.stdout.decode("utf-8", "replace")
    return SList(text.splitlines()) if split else LSString(text)


@line_magic("sx", "system")
def sx(line, frame):
    return getoutput(line)


@line_magic("pip")
def pip(line, frame):
    """%pip: pip of the worker's own interpreter."""
    system(" ".join([shlex.quote(sys.executable), "-m", "pip", line]))
    print(RESTART_NOTE)


CONDA_NEEDS_PREFIX = {"install", "list", "remove", "uninstall", "update", "upgrade"}
CONDA_NEEDS_YES = {"install", "remove", "uninstall", "update", "upgrade"}


@line_magic("conda")
def conda(line, frame):
    """%conda: conda acting on the worker's environment; --yes because a cell cannot answer its prompt."""
    if not os.path.exists(os.path.join(sys.prefix, "conda-meta", "history")):
        raise ValueError(
            "The python kernel does not appear to be a conda environment.  "
            "Please use ``%pip install`` instead."
        )
    args = shlex.split(line)
    command, rest = (args[0], args[1:]) if args else ("", [])
    extra = []
    if command in CONDA_NEEDS_YES and not {"-y", "--yes"} & set(rest):
        extra.append("--yes")
    if command in CONDA_NEEDS_PREFIX and not {"-p", "--prefix", "-n", "--name"} & set(rest):
        extra += ["--prefix", sys.prefix]
    words = [_conda_executable(), command] + extra + rest
    system(" ".join(shlex.quote(word) for word in words))
    print("\n" + RESTART_NOTE)


def _conda_executable():
    beside = os.path.join(os.path.dirname(sys.executable), "conda")
    if os.path.isfile(beside):
        return beside
    return os.environ.get("CONDA_EXE") or "conda"


def _program(name):
    """%%bash, %%sh, %%python3, ...: IPython's script magics, each running the program of that name."""

    def run(line, cell, frame):
        return _script([name], line, cell)

    run.__name__ = name
    cell_magic(name)(run)


for _name in ("sh", "bash", "perl", "ruby", "python", "python2", "python3", "pypy"):
    _program(_name)


@cell_magic("script")
def script(line, cell, frame):
    """%%script PROGRAM [args]: the body goes to any program's stdin."""
    return _script([], line, cell)


def _script(program, line, cell):
    """The body goes to the program's stdin; a non-zero exit raises CalledProcessError as in IPython."""
    import subprocess

    options, command = _script_options(shlex.split(line))
    command = program + command
    if not command:
        raise UsageError("%%script needs the program to run, e.g. %%script bash")
    if options["bg"] or options["proc"]:
        raise UsageError("oprel does not run %%script cells in the background (--bg, --proc)")
    body = cell.encode("utf-8", "replace")
    out_pipe = subprocess.PIPE if options["out"] else None
    err_pipe = subprocess.PIPE if options["err"] else None
    _before_child()
    try:
        child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=out_pipe, stderr=err_pipe)
    except FileNotFoundError:
        print("Couldn't find program: %r" % command[0])
        return None
    try:
        out, err = child.communicate(body)
    except KeyboardInterrupt:
        _stop(child)
        raise
    finally:
        _after_child()
    user_ns = shell().user_ns
    if options["out"]:
        user_ns[options["out"]] = out.decode("utf-8", "replace")
    if options["err"]:
        user_ns[options["err"]] = err.decode("utf-8", "replace")
    if options["raise_error"] and child.returncode != 0:
        raise subprocess.CalledProcessError(child.returncode, body)
    return None


def _script_options(argv):
    options = {"out": None, "err": None, "bg": False, "proc": None, "raise_error": True}
    rest = []
    index = 0
    while index < len(argv):
        word = argv[index]
        if word in ("--out", "--err", "--proc") and index + 1 < len(argv):
            options[word[2:]] = argv[index + 1]
            index += 2
            continue
        if word == "--bg":
            options["bg"] = True
        elif word == "--no-raise-error":
            options["raise_error"] = False
        else:
            rest.append(word)
        index += 1
    return options, rest


def _stop(child):
    """The interrupt reached the child too (same process group); make sure it is gone."""
    import subprocess

    for action in (None, child.terminate, child.kill):
        if action is not None:
            action()
        try:
            child.wait(timeout=0.2)
            return
        except subprocess.TimeoutExpired:
            continue


class LSString(str):
    """A string with IPython's .l (lines), .s (space-joined), .n (itself) and .p (existing paths)."""

    @property
    def l(self):
        return self.split("\n")

    list = l

    @property
    def s(self):
        return self.replace("\n", " ")

    spstr = s

    @property
    def n(self):
        return self

    nlstr = n

    @property
    def p(self):
        return [line for line in self.split("\n") if os.path.exists(line)]

    paths = p


class SList(list):
    """The lines of a command's output: a list with IPython's .n, .s, .l, .p, .grep() and .fields()."""

    @property
    def l(self):
        return self

    list = l

    @property
    def s(self):
        return " ".join(self)

    spstr = s

    @property
    def n(self):
        return "\n".join(self)

    nlstr = n

    @property
    def p(self):
        return [line for line in self if os.path.exists(line)]

    paths = p

    def grep(self, pattern, prune=False, field=None):
        """Lines matching pattern (a regex or a predicate); prune=True keeps the others instead."""
        import re

        if isinstance(pattern, str):
            regex = re.compile(pattern, re.IGNORECASE)

            def predicate(text):
                return regex.search(text) is not None
        else:
            predicate = pattern
        kept = []
        for line in self:
            text = line
            if field is not None:
                words = line.split()
                text = words[field] if -len(words) <= field < len(words) else ""
            if bool(predicate(text)) != prune:
                kept.append(line)
        return SList(kept)

    def fields(self, *fields):
        """Whitespace-separated columns of each line; several fields are joined with a space."""
        if not fields:
            return SList(line.split() for line in self)
        picked = []
        for line in self:
            words = line.split()
            chosen = [words[f] for f in fields if -len(words) <= f < len(words)]
            if chosen:
                picked.append(" ".join(chosen))
        return SList(picked)
