"""IPython syntax -> plain Python, one output line per input line so tracebacks keep their line numbers.

Only lines that start a statement (outside strings, brackets and backslash continuations) can hold IPython
syntax, so `"100%"`, `a != b`, `x % 2` and `print("!hi")` are never touched. The generated code calls the
`_oprel_` object that oprel_magics.install() puts in builtins; interpolation of `{expr}`/`$var` happens there,
at run time, in the frame that runs the line.
"""

import re

_CANDIDATE = re.compile(r"^[ \t]*[!%?]|=[ \t]*[!%]|\?[ \t]*$", re.M)
_PY_SPECIAL = re.compile(r"[#'\"()\[\]{}\\]")
_ASSIGN = re.compile(
    r"([A-Za-z_][\w.]*(?:\[[^\]=]*\])?(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*)*)[ \t]*=[ \t]*([!%])(.*)$",
    re.S,
)
_HELP = re.compile(r"(\?\??)?([A-Za-z_][\w.]*)(\?\??)?[ \t]*$")

HELPER = "_oprel_"


def transform(source):
    """The slow path of oprel_magics.transform_cell: source that may hold IPython syntax."""
    if not _CANDIDATE.search(source):
        return source
    lines = source.splitlines(keepends=True)
    first = _first_code_line(lines)
    if first is not None and lines[first].lstrip().startswith("%%"):
        return _cell_magic(lines, first)
    return "".join(_transform_lines(lines))


def _first_code_line(lines):
    for index, line in enumerate(lines):
        if line.strip():
            return index
    return None


def _cell_magic(lines, first):
    """One call on the magic's line; blank lines for the body keep the cell's line count (tracebacks)."""
    header = lines[first].strip()[2:]
    name, _, args = header.partition(" ")
    body = "".join(lines[first + 1 :])
    if body and not body.endswith("\n"):
        body += "\n"  # IPython gives every cell a trailing newline (%%writefile writes it)
    call = f"{HELPER}.run_cell_magic({name!r}, {args.strip()!r}, {body!r})" + _ending(lines[first])
    return "".join(lines[:first]) + call + "".join(_ending(line) for line in lines[first + 1 :])


def _transform_lines(lines):
    out = []
    quote = None  # the open string's quote when a line ends inside a string
    depth = 0  # open brackets
    continued = False  # the previous line ended with a backslash
    index = 0
    while index < len(lines):
        line = lines[index]
        if quote is None and depth == 0 and not continued:
            replaced = _ipython_line(lines, index)
            if replaced is not None:
                code, used = replaced
                out.append(code)
                out.extend(_ending(lines[i]) for i in range(index + 1, index + used))
                index += used
                continue
        quote, depth, continued = _scan_python(line, quote, depth)
        out.append(line)
        index += 1
    return out


def _ending(line):
    """The line break a line had (blank lines keep the numbering of what follows)."""
    stripped = line.rstrip("\r\n")
    return line[len(stripped) :]


def _ipython_line(lines, index):
    """(python_line, physical lines used) when lines[index] starts IPython syntax, else None."""
    line = lines[index]
    body = line.rstrip("\r\n")
    indent_len = len(body) - len(body.lstrip(" \t"))
    indent, rest = body[:indent_len], body[indent_len:]
    if not rest or rest[0] not in "!%?" and "=" not in rest and not rest.endswith("?"):
        return None
    used = 1
    if rest[0] in "!%" or _ASSIGN.match(rest):
        # Shell and magic lines continue with a trailing backslash, as in IPython.
        while rest.endswith("\\") and index + used < len(lines):
            rest = rest[:-1].rstrip() + " " + lines[index + used].rstrip("\r\n").strip()
            used += 1
    code = _convert(rest)
    if code is None:
        return None
    return indent + code + _ending(lines[index + used - 1]), used


def _convert(rest):
    if rest.startswith("!!"):
        return f"{HELPER}.getoutput({rest[2:].strip()!r})"
    if rest.startswith("!"):
        return f"{HELPER}.system({rest[1:].strip()!r})"
    if rest.startswith("%"):
        return _magic_call(rest)
    assign = _ASSIGN.match(rest)
    if assign:
        target, kind, command = assign.groups()
        value = f"{HELPER}.getoutput({command.strip()!r})" if kind == "!" else _magic_call("%" + command)
        return f"{target} = {value}"
    helped = _HELP.match(rest)
    if helped and (helped.group(1) or helped.group(3)):
        detail = 1 if "??" in ((helped.group(1) or "") + (helped.group(3) or "")) else 0
        return f"{HELPER}.pinfo({helped.group(2)!r}, {detail})"
    return None


def _magic_call(text):
    """`%name args`, or `%%name args` in the middle of a cell (IPython runs it with an empty body)."""
    if text.startswith("%%"):
        name, _, args = text[2:].partition(" ")
        return f"{HELPER}.run_cell_magic({name!r}, {args.strip()!r}, '')"
    parts = text[1:].split(None, 1)
    name = parts[0] if parts else ""
    args = parts[1] if len(parts) > 1 else ""
    if name.endswith("?") and not args:  # %timeit? : the magic's help
        return f"{HELPER}.pinfo({'%' + name.rstrip('?')!r}, {int(name.endswith('??'))})"
    return f"{HELPER}.run_line_magic({name!r}, {args.strip()!r})"


def _scan_python(line, quote, depth):
    """Carry string and bracket state across one physical line of Python."""
    index = 0
    length = len(line.rstrip("\r\n"))
    text = line[:length]
    while index < length:
        if quote is not None:
            index = _string_end(text, index, quote)
            if index < 0:
                # Unterminated: triple quotes go on; a single-quoted string only with a trailing backslash.
                if len(quote) == 3 or text.endswith("\\"):
                    return quote, depth, False
                return None, depth, False
            quote = None
            continue
        match = _PY_SPECIAL.search(text, index)
        if match is None:
            break
        char = match.group()
        index = match.end()
        if char == "#":
            break
        if char in "'\"":
            triple = text[index - 1 : index + 2]
            quote = triple if triple == char * 3 else char
            index += len(quote) - 1
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
        elif char == "\\" and index == length:
            return None, depth, True
    return quote, depth, False


def _string_end(text, index, quote):
    """Index just past the closing quote, or -1 when the string does not end on this line."""
    while True:
        found = _next_of(text, index, quote[0])
        if found < 0:
            return -1
        if text[found] == "\\":
            index = found + 2
            continue
        if text.startswith(quote, found):
            return found + len(quote)
        index = found + 1


def _next_of(text, index, quote_char):
    backslash = text.find("\\", index)
    closing = text.find(quote_char, index)
    if backslash < 0:
        return closing
    if closing < 0:
        return backslash
    return min(backslash, closing)
