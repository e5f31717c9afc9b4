"""`{expr}` and `$name` interpolation in shell commands and magic arguments, as IPython's var_expand does it.

`{expr}` is any Python expression (a trailing `!r`/`!s`/`!a` converts it), `{{`/`}}` are literal braces,
`$name` and `$name.attr` are looked up outside single quotes, `$$name` stays a literal `$name` for the shell.
Names resolve in the frame that runs the line: its locals, then its globals (the notebook's namespace).
Like IPython, when anything fails the text is returned exactly as typed.
"""

import re

_DOLLAR_NAME = re.compile(r"[\w.]+")
_CONVERSION = re.compile(r"(.*)!([rsa])\s*$", re.S)


def var_expand(text, frame):
    namespace = dict(frame.f_globals)
    namespace.update(frame.f_locals)
    try:
        return _expand(text, namespace)
    except Exception:
        return text


def _expand(text, namespace):
    out = []
    quoted = False
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char == "{":
            if text.startswith("{{", index):
                out.append("{")
                index += 2
                continue
            end = _closing_brace(text, index)
            out.append(_evaluate(text[index + 1 : end], namespace))
            index = end + 1
        elif char == "}":
            if not text.startswith("}}", index):
                raise ValueError("Single '}' encountered")
            out.append("}")
            index += 2
        elif char == "$" and not quoted:
            index = _dollar(text, index, namespace, out)
        else:
            if char == "'":
                quoted = not quoted
            out.append(char)
            index += 1
    return "".join(out)


def _closing_brace(text, start):
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return index
    raise ValueError("unmatched '{'")


def _evaluate(field, namespace):
    conversion = _CONVERSION.match(field)
    expression, convert = (conversion.group(1), conversion.group(2)) if conversion else (field, "s")
    value = eval(expression, namespace)
    return {"s": str, "r": repr, "a": ascii}[convert](value)


def _dollar(text, index, namespace, out):
    """Handle the `$` at text[index]; returns the index after what it consumed."""
    if text.startswith("$$", index):
        name = _DOLLAR_NAME.match(text, index + 2)
        if name:
            out.append("$" + name.group())
            return name.end()
        out.append("$$")
        return index + 2
    name = _DOLLAR_NAME.match(text, index + 1)
    if name is None:
        out.append("$")
        return index + 1
    out.append(str(eval(name.group(), namespace)))
    return name.end()
