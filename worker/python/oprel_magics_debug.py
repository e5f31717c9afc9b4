"""%debug, %pdb and %xmode: the debugger after an error, and how tracebacks look.

The debugger is the standard library's pdb. It reads its commands with input(), which asks the controller
through the stdin channel: the terminal UI answers, and a headless run (no stdin) raises
StdinNotImplementedError, as Jupyter's headless execution does.
"""

import sys

import oprel_traceback
from oprel_magics_registry import UsageError, line_magic, shell

NO_TRACEBACK = "No traceback has been produced, nothing to debug."


@line_magic("xmode")
def xmode(line, frame):
    """%xmode [Plain|Context|Verbose|Minimal]: the traceback layout; with no argument, the next one."""
    wanted = line.strip().capitalize()
    modes = oprel_traceback.MODES
    if not wanted:
        wanted = modes[(modes.index(oprel_traceback.mode) + 1) % len(modes)]
    if wanted not in modes:
        print("Error changing exception modes.\nUnrecognized mode in FormattedTB: <%s>" % wanted)
        return None
    oprel_traceback.mode = wanted
    print("Exception reporting mode: %s" % wanted)
    return None


@line_magic("pdb")
def pdb_magic(line, frame):
    """%pdb [on|off|1|0]: start the debugger after every error (no argument: switch)."""
    word = line.strip().lower()
    hooks = shell().error_hooks
    if word in ("on", "1", "true"):
        turn_on = True
    elif word in ("off", "0", "false"):
        turn_on = False
    elif not word:
        turn_on = post_mortem not in hooks
    else:
        raise UsageError("Incorrect argument. Use on/1, off/0, or nothing for a toggle.")
    if turn_on and post_mortem not in hooks:
        hooks.append(post_mortem)
    elif not turn_on and post_mortem in hooks:
        hooks.remove(post_mortem)
    print("Automatic pdb calling has been turned %s" % ("ON" if turn_on else "OFF"))


@line_magic("debug")
def debug(line, frame):
    """%debug: pdb on the last error; %debug STATEMENT: run it under pdb from its first line."""
    import pdb

    if line.strip():
        pdb.Pdb().run(shell().transform_cell(line), frame.f_globals, frame.f_locals)
        return None
    if getattr(sys, "last_traceback", None) is None:
        print(NO_TRACEBACK, file=sys.stderr)
        return None
    post_mortem(sys.last_value)
    return None


def post_mortem(exc):
    """pdb at the frame that raised exc, starting below the worker's own frames."""
    import pdb

    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename.startswith(oprel_traceback.WORKER_DIR):
        tb = tb.tb_next
    if tb is None:
        print(NO_TRACEBACK, file=sys.stderr)
        return
    debugger = pdb.Pdb()
    debugger.reset()
    debugger.interaction(None, tb)
