"""Tracebacks in IPython's plain-text layout, one line per list item, without the worker's own frames.

Imported only when something fails, so start-up never pays for it.
"""

import builtins
import linecache
import os
import sys

WORKER_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep
WIDTH = 75
HEADING = "Traceback (most recent call last)"
CAUSE = "The above exception was the direct cause of the following exception:"
CONTEXT = "During handling of the above exception, another exception occurred:"
BEFORE, AFTER = 3, 2  # context lines around the current one
MAX_GROUP_WIDTH, MAX_GROUP_DEPTH = 15, 10
CO_VARARGS, CO_VARKEYWORDS = 0x04, 0x08


def describe(exc):
    """(ename, evalue, traceback lines) of an exception raised by a cell."""
    ename = type(exc).__name__
    evalue = _safe_str(exc)
    if isinstance(exc, SystemExit):
        ending = f"{ename}: {evalue}" if evalue else ename
        return ename, evalue, ["An exception has occurred, use %tb to see the full traceback.", "",
                               ending]
    if isinstance(exc, SyntaxError):
        label = _cell_label(exc.filename)
        if label is not None and exc.lineno is not None:
            evalue = f"{exc.msg} ({label}, line {exc.lineno})"
        if not _frames(exc.__traceback__):  # the cell itself did not compile: no frames to show
            return ename, evalue, _exception_only(exc)
    return ename, evalue, format_exception(exc)


def format_exception(exc, depth=0):
    """The whole chain, oldest first, as IPython prints it."""
    chain = []
    seen = set()
    link = None
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        chain.append((exc, link))
        if exc.__cause__ is not None:
            exc, link = exc.__cause__, CAUSE
        elif exc.__context__ is not None and not exc.__suppress_context__:
            exc, link = exc.__context__, CONTEXT
        else:
            exc = None
    lines = []
    for exc, link in reversed(chain):  # link: how exc led to the newer exception printed next
        lines += _one(exc, depth)
        if link is not None:
            lines += ["", link, ""]
    return lines


def _one(exc, depth):
    name = type(exc).__name__
    lines = ["-" * WIDTH, name + " " * max(1, WIDTH - len(name) - len(HEADING)) + HEADING]
    for index, group in enumerate(_collapse(_frames(exc.__traceback__))):
        if index:
            lines.append("")
        if isinstance(group, str):
            lines.append(group)
        else:
            lines += _frame_lines(*group)
    if len(lines) > 2:
        lines.append("")
    return lines + _exception_only(exc, depth)


def _frames(tb):
    """(code, line number, frame) of every frame worth showing."""
    frames = []
    while tb is not None:
        code = tb.tb_frame.f_code
        if not code.co_filename.startswith(WORKER_DIR):
            frames.append((code, tb.tb_lineno, tb.tb_frame))
        tb = tb.tb_next
    # Frames of asyncio's runner before the first user frame belong to top-level await machinery.
    asyncio = sys.modules.get("asyncio")
    if asyncio is not None and frames:
        asyncio_dir = os.path.dirname(asyncio.__file__) + os.sep
        while frames and frames[0][0].co_filename.startswith(asyncio_dir):
            frames.pop(0)
    return frames


def _collapse(frames):
    """Long runs of the same frame (deep recursion) become one 'skipping' line, as in IPython."""
    out = []
    i = 0
    while i < len(frames):
        code, lineno, _ = frames[i]
        j = i
        while j + 1 < len(frames) and frames[j + 1][0] is code and frames[j + 1][1] == lineno:
            j += 1
        run = j - i + 1
        if run > 3:
            out += frames[i : i + 2]
            out.append(f"    [... skipping similar frames: {_name(code)} at line {lineno} "
                       f"({run - 3} times)]")
            out.append(frames[j])
        else:
            out += frames[i : j + 1]
        i = j + 1
    return out


def _frame_lines(code, lineno, frame):
    filename = code.co_filename
    label = _cell_label(filename)
    if label is not None:
        head = f"{label}, line {lineno}"
    else:
        head = f"File {short_path(filename)}:{lineno}"
    if code.co_name != "<module>":
        head += f", in {_name(code)}({_arguments(code)})"
    return [head, *_context(filename, code, lineno, frame)]


def _context(filename, code, lineno, frame):
    first = code.co_firstlineno if code.co_name != "<module>" else 1
    last = _last_line(code)
    start = max(first, lineno - BEFORE)
    stop = lineno + AFTER if last is None else min(last, lineno + AFTER)
    numbered = []
    for number in range(start, max(stop, lineno) + 1):
        text = linecache.getline(filename, number, frame.f_globals).rstrip()
        if number == lineno or number < lineno or text:
            numbered.append((number, text))
        else:
            break
    if not any(text for _, text in numbered):
        return []
    indent = min((len(t) - len(t.lstrip()) for _, t in numbered if t.strip()), default=0)
    lines = []
    for number, text in numbered:
        digits = str(number)
        if number == lineno:
            prefix = "-" * max(1, 7 - len(digits) - 2) + "> " + digits
        else:
            prefix = digits.rjust(7)
        lines.append(f"{prefix} {text[indent:]}".rstrip())
    return lines


def _last_line(code):
    try:
        return max(line for _, _, line in code.co_lines() if line is not None)
    except (AttributeError, ValueError):
        return None


def _exception_only(exc, depth=0):
    name = type(exc).__name__
    lines = []
    if isinstance(exc, SyntaxError):
        lines += _syntax_detail(exc)
        value = exc.msg if exc.msg is not None else _safe_str(exc)
    else:
        value = _safe_str(exc)
    lines += (f"{name}: {value}" if value else name).split("\n")
    notes = getattr(exc, "__notes__", None)
    if isinstance(notes, (list, tuple)):
        for note in notes:
            lines += _safe_str(note).split("\n")
    subexceptions = getattr(exc, "exceptions", None)
    if isinstance(exc, _group_types()) and isinstance(subexceptions, tuple):
        lines += _group(subexceptions, depth)
    return lines


def _syntax_detail(exc):
    if exc.lineno is None:
        return []
    label = _cell_label(exc.filename)
    where = f"{label}, line {exc.lineno}" if label else f"File {exc.filename}:{exc.lineno}"
    text = exc.text
    if text is None and exc.filename:
        text = linecache.getline(exc.filename, exc.lineno)
    lines = ["  " + where]
    if text:
        text = text.split("\n")[0].rstrip()
        stripped = text.lstrip()
        shift = len(text) - len(stripped)
        lines.append("    " + stripped)
        if exc.offset is not None and exc.offset >= 1:
            column = max(0, exc.offset - 1 - shift)
            width = 1
            end = getattr(exc, "end_offset", None)
            if end and getattr(exc, "end_lineno", exc.lineno) == exc.lineno and end > exc.offset:
                width = min(end - exc.offset, max(1, len(stripped) - column))
            lines.append("    " + " " * column + "^" * width)
    return lines


def _group(subexceptions, depth):
    if depth >= MAX_GROUP_DEPTH:
        return ["  ... (exception groups nested too deeply)"]
    lines = []
    for index, sub in enumerate(subexceptions[:MAX_GROUP_WIDTH], 1):
        lines.append(f"  +---------------- {index} ----------------")
        body = format_exception(sub, depth + 1)
        if sub.__traceback__ is None:  # never raised on its own: no frames, no heading
            body = body[2:]
        lines += ["  | " + line if line else "  |" for line in body]
    if len(subexceptions) > MAX_GROUP_WIDTH:
        lines.append("  +---------------- ... ----------------")
        lines.append(f"  | and {len(subexceptions) - MAX_GROUP_WIDTH} more exceptions")
    lines.append("  +------------------------------------")
    return lines


def _group_types():
    base = getattr(builtins, "BaseExceptionGroup", None)  # Python 3.11+
    return (base,) if base is not None else ()


def _cell_label(filename):
    """'Cell In[3]' for the file name of cell 3, None for anything else."""
    if isinstance(filename, str) and filename.startswith("<cell ") and filename.endswith(">"):
        return "Cell " + filename[6:-1]
    return None


def short_path(path):
    home = os.path.expanduser("~")
    if home not in ("", "/") and path.startswith(home + os.sep):
        return "~" + path[len(home) :]
    return path


def _name(code):
    return getattr(code, "co_qualname", code.co_name)


def _arguments(code):
    names = code.co_varnames
    count = code.co_argcount + code.co_kwonlyargcount
    parts = list(names[:count])
    if code.co_flags & CO_VARARGS:
        parts.append("*" + names[count])
        count += 1
    if code.co_flags & CO_VARKEYWORDS:
        parts.append("**" + names[count])
    return ", ".join(parts)


def _safe_str(value):
    try:
        return str(value)
    except BaseException:
        return "<exception str() failed>"
