"""Tracebacks as IPython sends them to Jupyter: ANSI colours, one list entry per frame, the cell's lines,
without the worker's own frames. `mode` is IPython's %xmode: Context (the default), Verbose, Plain, Minimal.

The colours are IPython's "Linux" scheme, which ipykernel uses; source lines are highlighted as pygments'
terminal256 formatter does (oprel_highlight), and the expression that failed gets a yellow background.
Imported only when something fails, so start-up never pays for it.
"""

import builtins
import linecache
import os
import sys

WORKER_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep
MODES = ("Plain", "Context", "Verbose", "Minimal")
mode = "Context"

WIDTH = 75
HEADING = "Traceback (most recent call last)"
CAUSE = "The above exception was the direct cause of the following exception:"
CONTEXT = "During handling of the above exception, another exception occurred:"
BEFORE, AFTER = 2, 1  # non-blank lines around the current one, within its function
MAX_GROUP_WIDTH, MAX_GROUP_DEPTH = 15, 10
CO_VARARGS, CO_VARKEYWORDS = 0x04, 0x08
MAX_VALUE_REPR = 200

NORMAL = "\x1b[0m"
RED = "\x1b[0;31m"
GREEN = "\x1b[0;32m"
LIGHT_GREEN = "\x1b[1;32m"
BLUE = "\x1b[0;34m"
CYAN = "\x1b[0;36m"
PURPLE = "\x1b[0;35m"
LIGHT_PURPLE = "\x1b[1;35m"


def describe(exc):
    """(ename, evalue, traceback entries) of an exception raised by a cell."""
    ename = type(exc).__name__
    evalue = _safe_str(exc)
    if isinstance(exc, SystemExit):
        return ename, evalue, ["An exception has occurred, use %tb to see the full traceback.\n",
                               _plain_exception_line(exc)]
    if isinstance(exc, SyntaxError):
        label = _cell_label(exc.filename)
        if label is not None and exc.lineno is not None:
            evalue = f"{exc.msg} ({label}, line {exc.lineno})"
        if not _frames(exc.__traceback__):  # the cell itself did not compile: no frames to show
            return ename, evalue, [_syntax_error_entry(exc)]
    return ename, evalue, format_exception(exc)


def format_exception(exc, depth=0):
    """The whole chain, oldest first, as entries of IPython's structured traceback in the current mode."""
    entries = []
    for index, (exc, link) in enumerate(_chain(exc)):  # link: how exc led to the newer one after it
        if mode == "Minimal":
            entries.append(_plain_exception_line(exc))
        elif mode == "Plain":
            entries += _plain_one(exc)
        else:
            entries += _one(exc, depth, first=index == 0)
        if link is not None:
            entries.append(f"\n{link}\n")
    return entries


def _chain(exc):
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
    return list(reversed(chain))


# ---- Context and Verbose: IPython's VerboseTB ----


def _one(exc, depth, first):
    name = type(exc).__name__
    heading = RED + name + NORMAL + " " * max(1, WIDTH - len(name) - len(HEADING)) + HEADING
    entries = [RED + "-" * WIDTH + NORMAL, heading] if first else [heading]
    for group in _collapse(_frames(exc.__traceback__)):
        entries.append(group if isinstance(group, str) else _frame_entry(*group))
    entries.append("\n".join(_exception_only(exc, depth)))
    return entries


def _frames(tb):
    """(code, line number, frame, position) of every frame worth showing."""
    frames = []
    while tb is not None:
        code = tb.tb_frame.f_code
        if not code.co_filename.startswith(WORKER_DIR):
            frames.append((code, tb.tb_lineno, tb.tb_frame, _position(code, tb.tb_lasti)))
        tb = tb.tb_next
    # Frames of asyncio's runner before the first user frame belong to top-level await machinery.
    asyncio = sys.modules.get("asyncio")
    if asyncio is not None and frames:
        asyncio_dir = os.path.dirname(asyncio.__file__) + os.sep
        while frames and frames[0][0].co_filename.startswith(asyncio_dir):
            frames.pop(0)
    return frames


def _position(code, lasti):
    """(line, end line, column, end column) of the instruction that failed (Python 3.11+), or None.
    A `raise` is not highlighted, as in IPython."""
    positions = getattr(code, "co_positions", None)
    if positions is None or lasti < 0:
        return None
    try:
        import opcode

        if code.co_code[lasti] in (opcode.opmap.get("RAISE_VARARGS"), opcode.opmap.get("RERAISE")):
            return None
        position = list(positions())[lasti // 2]
    except (IndexError, ValueError, TypeError):
        return None
    return None if None in position else position


def _collapse(frames):
    """Long runs of the same frame (deep recursion) become one 'skipping' entry, as in IPython."""
    out = []
    i = 0
    while i < len(frames):
        code, lineno = frames[i][:2]
        j = i
        while j + 1 < len(frames) and frames[j + 1][0] is code and frames[j + 1][1] == lineno:
            j += 1
        run = j - i + 1
        if run > 3:
            out += frames[i : i + 2]
            out.append(f"    {RED}[... skipping similar frames: {_name(code)} at line {lineno} "
                       f"({run - 3} times)]{NORMAL}\n")
            out.append(frames[j])
        else:
            out += frames[i : j + 1]
        i = j + 1
    return out


def _frame_entry(code, lineno, frame, position):
    """'Cell In[3], line 2, in f(x)' and the numbered lines around the current one, one string."""
    filename = code.co_filename
    label = _cell_label(filename)
    if label is not None:
        head = f"Cell {GREEN}{label[5:]}, line {lineno}{NORMAL}"
    else:
        head = f"File {GREEN}{short_path(filename)}:{lineno}{NORMAL}"
    if code.co_name != "<module>":
        head += f", in {CYAN}{_name(code)}{BLUE}({_arguments(code, frame)}){NORMAL}"
    lines = [head]
    numbered = _context(filename, code, lineno, frame)
    if numbered:
        import oprel_highlight

        # Dedented together, as IPython shows them; the failed span moves with its line.
        indent = min(len(text) - len(text.lstrip()) for _, text in numbered)
        for number, text in numbered:
            digits = str(number)
            if number == lineno:
                prefix = GREEN + "-" * max(1, 7 - len(digits) - 2) + "> " + digits + NORMAL
            else:
                prefix = LIGHT_GREEN + digits.rjust(7) + NORMAL
            span = _span_on(number, text, position)
            if span is not None:
                span = (max(0, span[0] - indent), span[1] - indent)
            lines.append(f"{prefix} {oprel_highlight.highlight(text[indent:], span)}".rstrip())
        if mode == "Verbose" and code.co_name != "<module>":
            current = next((text for number, text in numbered if number == lineno), "")
            lines += _variables(current, frame)
    return "\n".join(lines) + "\n"


def _context(filename, code, lineno, frame):
    """[(number, text)]: the current line with up to BEFORE non-blank lines before it and AFTER after it,
    all inside the frame's function (the cell, for its top level), as IPython shows them."""
    first = code.co_firstlineno if code.co_name != "<module>" else 1
    last = _last_line(code) or lineno

    def line(number):
        return linecache.getline(filename, number, frame.f_globals).rstrip()

    current = line(lineno)
    if not current:
        return []
    before = [(n, line(n)) for n in range(lineno - 1, first - 1, -1)]
    after = [(n, line(n)) for n in range(lineno + 1, last + 1)]
    before = [(n, text) for n, text in before if text][:BEFORE]
    after = [(n, text) for n, text in after if text][:AFTER]
    return [*reversed(before), (lineno, current), *after]


def _span_on(number, text, position):
    """The columns of the failed expression on line `number` of the source, or None."""
    if position is None:
        return None
    line, end_line, column, end_column = position
    if not line <= number <= end_line:
        return None
    # Columns count UTF-8 bytes.
    encoded = text.encode("utf-8")
    start = column if number == line else len(encoded) - len(encoded.lstrip())
    stop = end_column if number == end_line else len(encoded)
    start = len(encoded[:start].decode("utf-8", "replace"))
    stop = len(encoded[:stop].decode("utf-8", "replace"))
    return (start, stop) if stop > start else None


def _variables(line, frame):
    """Verbose mode: the frame's local variables named on the current line, with their values."""
    import tokenize

    names = []
    try:
        for token in tokenize.generate_tokens(iter([line + "\n"]).__next__):
            if token.type == tokenize.NAME and token.string in frame.f_locals and token.string not in names:
                names.append(token.string)
    except (tokenize.TokenError, SyntaxError):
        pass
    if not names:
        return []
    shown = [f"{name} {BLUE}= {_value_repr(frame.f_locals[name])}{NORMAL}" for name in names]
    return ["        " + f"{BLUE}\n        {NORMAL}".join(shown)]


def _last_line(code):
    try:
        return max(line for _, _, line in code.co_lines() if line is not None)
    except (AttributeError, ValueError):
        return None


def _exception_only(exc, depth=0):
    """The lines after the frames: a SyntaxError's location, 'Name: value', notes, group members."""
    name = type(exc).__name__
    lines = []
    if isinstance(exc, SyntaxError):
        lines += _syntax_detail(exc)
        value = exc.msg if exc.msg is not None else _safe_str(exc)
    else:
        value = _safe_str(exc)
    lines += f"{RED}{name}{NORMAL}: {value}".split("\n")
    notes = getattr(exc, "__notes__", None)
    if isinstance(notes, (list, tuple)):
        for note in notes:
            lines += _safe_str(note).split("\n")
    subexceptions = getattr(exc, "exceptions", None)
    if isinstance(exc, _group_types()) and isinstance(subexceptions, tuple):
        lines += _group(subexceptions, depth)
    return lines


def _syntax_detail(exc, colour=False):
    """'  Cell In[1], line 2', the line and a caret under the error."""
    if exc.lineno is None:
        return []
    label = _cell_label(exc.filename)
    where = f"{label[:5]}{GREEN}{label[5:]}, line {exc.lineno}" if label else \
        f"File {GREEN}{exc.filename}:{exc.lineno}"
    lines = [f"{CYAN}  {where}{CYAN}{NORMAL}" if colour else "  " + _strip(where)]
    text = exc.text
    if text is None and exc.filename:
        text = linecache.getline(exc.filename, exc.lineno)
    if text:
        text = text.split("\n")[0].rstrip()
        stripped = text.lstrip()
        shift = len(text) - len(stripped)
        lines.append(f"{RED}    {stripped}{NORMAL}" if colour else "    " + stripped)
        if exc.offset is not None and exc.offset >= 1:
            column = max(0, exc.offset - 1 - shift)
            width = 1
            end = getattr(exc, "end_offset", None)
            if end and getattr(exc, "end_lineno", exc.lineno) == exc.lineno and end > exc.offset:
                width = min(end - exc.offset, max(1, len(stripped) - column))
            caret = "    " + " " * column + "^" * width
            lines.append(f"{NORMAL}{caret}{NORMAL}" if colour else caret)
    return lines


def _syntax_error_entry(exc):
    """A cell that does not compile: one entry, as IPython shows it in every mode."""
    return "\n".join([*_syntax_detail(exc, colour=True), _plain_exception_line(exc, exc.msg).rstrip("\n")]) + "\n"


def _group(subexceptions, depth):
    if depth >= MAX_GROUP_DEPTH:
        return ["  ... (exception groups nested too deeply)"]
    lines = []
    for index, sub in enumerate(subexceptions[:MAX_GROUP_WIDTH], 1):
        lines.append(f"  +---------------- {index} ----------------")
        body = format_exception(sub, depth + 1)
        if sub.__traceback__ is None and mode != "Minimal":  # never raised on its own: no heading
            body = body[2:] if mode != "Plain" else body[1:]
        text = "".join(entry if entry.endswith("\n") else entry + "\n" for entry in body)
        lines += ["  | " + line if line else "  |" for line in text.rstrip("\n").split("\n")]
    if len(subexceptions) > MAX_GROUP_WIDTH:
        lines.append("  +---------------- ... ----------------")
        lines.append(f"  | and {len(subexceptions) - MAX_GROUP_WIDTH} more exceptions")
    lines.append("  +------------------------------------")
    return lines


# ---- Plain and Minimal: IPython's ListTB ----


def _plain_one(exc):
    entries = [f"Traceback {CYAN}(most recent call last){NORMAL}:\n"]
    frames = _frames(exc.__traceback__)
    for index, (code, lineno, frame, _) in enumerate(frames):
        last = index == len(frames) - 1
        label = _cell_label(code.co_filename)
        location = f"{label}, line {lineno}" if label else f"File {short_path(code.co_filename)}:{lineno}"
        word, place = location.split(" ", 1)
        name = "" if code.co_name == "<module>" else code.co_name
        text = linecache.getline(code.co_filename, lineno, frame.f_globals).strip()
        if last:
            entry = f"{CYAN}  {word} {GREEN}{place}{CYAN}" + (f" in {PURPLE}{name}{CYAN}" if name else "")
            entry += "\n" + (f"{RED}    {text}{CYAN}\n" if text else "")
        else:
            entry = f"{NORMAL}  {word} {LIGHT_GREEN}{place}{NORMAL}" + (f" in {LIGHT_PURPLE}{name}{NORMAL}" if name else "")
            entry += "\n" + (f"    {text}{NORMAL}\n" if text else "")
        entries.append(entry)
    detail = _syntax_detail(exc, colour=True) if isinstance(exc, SyntaxError) else []
    value = exc.msg if isinstance(exc, SyntaxError) and exc.msg is not None else None
    return entries + ["\n".join([*detail, _plain_exception_line(exc, value)])]


def _plain_exception_line(exc, value=None):
    name = type(exc).__name__
    value = _safe_str(exc) if value is None else value
    return f"{RED}{name}{NORMAL}{RED}:{NORMAL} {value}\n"


# ---- shared helpers ----


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


def _arguments(code, frame):
    """The parameters, with their values in Verbose mode (`a=1, *rest=(2,)`)."""
    names = code.co_varnames
    count = code.co_argcount + code.co_kwonlyargcount
    parts = list(names[:count])
    if code.co_flags & CO_VARARGS:
        parts.append("*" + names[count])
        count += 1
    if code.co_flags & CO_VARKEYWORDS:
        parts.append("**" + names[count])
    if mode != "Verbose":
        return ", ".join(parts)
    missing = object()
    values = ((part, frame.f_locals.get(part.lstrip("*"), missing)) for part in parts)
    return ", ".join(f"{part}={'<unbound>' if value is missing else _value_repr(value)}"
                     for part, value in values)


def _value_repr(value):
    try:
        text = repr(value)
    except BaseException:
        return "<unprintable>"
    return text if len(text) <= MAX_VALUE_REPR else text[: MAX_VALUE_REPR - 3] + "..."


def plain_text(exc):
    """The traceback as text without colours, for stderr (a failing hook or repr method)."""
    return _strip("\n".join(format_exception(exc)))


def _strip(text):
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def _safe_str(value):
    try:
        return str(value)
    except BaseException:
        return "<exception str() failed>"
