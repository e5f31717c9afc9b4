"""One line of Python source in colour, as pygments' terminal256 formatter (default style) colours it in
IPython's tracebacks, from the standard library's tokenizer. `span` (start, stop columns) is the part
that failed: it gets a yellow background, as IPython marks it.

Only traceback formatting imports this (oprel_traceback), so start-up never pays for it.
"""

import builtins
import keyword
import tokenize

KEYWORD = "38;5;28;01"
BUILTIN = "38;5;28"
EXCEPTION = "38;5;167;01"
FUNCTION = "38;5;21"
CLASS_OR_MODULE = "38;5;21;01"
OPERATOR = "38;5;241"  # numbers share it
STRING = "38;5;124"
ESCAPE = "38;5;130;01"
INTERPOLATION = "38;5;132;01"
COMMENT = "38;5;66;03"
BACKGROUND = "43"

PUNCTUATION = set("()[]{},:;")
# pygments' list: no exec, nothing newer than it knows.
_NOT_IN_PYGMENTS = {"exec", "aiter", "anext", "BaseExceptionGroup", "ExceptionGroup", "EncodingWarning"}
_BUILTINS = {name for name in dir(builtins) if not name.startswith("_")} - _NOT_IN_PYGMENTS | {"self", "cls"}


def highlight(line, span=None):
    """The line with ANSI colours; the line unchanged when it does not tokenize on its own."""
    pieces = _pieces(line)
    if pieces is None:
        return line
    out = []
    column = 0
    for text, style in pieces:
        if span is not None:
            # Split a piece where the failed span starts or stops inside it.
            for cut in sorted({span[0] - column, span[1] - column}):
                if 0 < cut < len(text):
                    out.append(_paint(text[:cut], style, span, column))
                    column += cut
                    text = text[cut:]
                    break
        out.append(_paint(text, style, span, column))
        column += len(text)
    return "".join(out)


def _paint(text, style, span, column):
    marked = span is not None and span[0] <= column < span[1]
    if style is None and not marked:
        return text
    if style is None:
        return f"\x1b[{BACKGROUND}m{text}\x1b[49m"
    reset = "39;00" if style.endswith(";01") or style.endswith(";03") else "39"
    if marked:
        return f"\x1b[{style};{BACKGROUND}m{text}\x1b[{reset};49m"
    return f"\x1b[{style}m{text}\x1b[{reset}m"


def _pieces(line):
    """[(text, style or None)] covering the whole line, or None when it cannot be tokenized alone."""
    tokens = []
    try:
        for token in tokenize.generate_tokens(iter([line + "\n"]).__next__):
            tokens.append(token)
    except tokenize.TokenError:
        pass  # a line of a longer statement (`x = [1,`): its own tokens all came before the error
    except (SyntaxError, IndentationError):
        return None
    pieces = []
    column = 0
    previous = None  # what the names that follow are: after def, class, import, from
    for token in tokens:
        if token.type in (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER, tokenize.INDENT,
                          tokenize.DEDENT) or token.start[0] != 1:
            continue
        start, end = token.start[1], token.end[1]
        if start > column:
            pieces += [(char, None) for char in _gaps(line[column:start])]
        text = token.string
        if token.type == tokenize.STRING:
            pieces += _string_pieces(text)
        else:
            style = _style(token, previous)
            if style is None and token.type == tokenize.OP:
                pieces += [(char, None) for char in text]  # pygments: one token per bracket
            else:
                pieces.append((text, style))
        if token.type == tokenize.NAME and keyword.iskeyword(text):
            # `from x import y`: x is a module, y is not; `import a.b, c`: all modules.
            previous = None if (text == "import" and previous == "from") else text
        elif token.type == tokenize.OP and text not in (".", ","):
            previous = None
        column = end
    if column < len(line):
        pieces += [(char, None) for char in _gaps(line[column:])]
    return pieces


def _gaps(text):
    """Whitespace between tokens: one piece, so a marked gap reads as one background run."""
    return [text] if text else []


def _style(token, previous):
    text = token.string
    if token.type == tokenize.COMMENT:
        return COMMENT
    if token.type == tokenize.NUMBER:
        return OPERATOR
    if token.type == tokenize.OP:
        return None if text in PUNCTUATION else OPERATOR
    if token.type != tokenize.NAME:
        return None
    if keyword.iskeyword(text):
        return KEYWORD
    if previous == "def":
        return FUNCTION
    if previous in ("class", "import", "from"):
        return CLASS_OR_MODULE
    if text in _BUILTINS:
        value = getattr(builtins, text, None)
        if isinstance(value, type) and issubclass(value, BaseException):
            return EXCEPTION
        return BUILTIN
    return None


def _string_pieces(text):
    """A string literal as pygments splits it: prefix, opening quote, body (escapes apart), closing quote."""
    prefix_length = 0
    while prefix_length < len(text) and text[prefix_length] not in "'\"":
        prefix_length += 1
    prefix, rest = text[:prefix_length], text[prefix_length:]
    quote = rest[:3] if rest[:3] in ('"""', "'''") else rest[:1]
    body = rest[len(quote) : len(rest) - len(quote)] if len(rest) >= 2 * len(quote) else rest[len(quote) :]
    closing = rest[len(quote) + len(body) :]
    pieces = [(prefix, STRING)] if prefix else []
    pieces.append((quote, STRING))
    raw = "r" in prefix.lower()
    formatted = "f" in prefix.lower()
    chunk = ""
    i = 0
    while i < len(body):
        if formatted and body[i] == "{" and body[i : i + 2] != "{{":
            stop = _closing_brace(body, i)
            inner = _pieces(body[i + 1 : stop]) if stop > i else None
            if inner is not None:
                if chunk:
                    pieces.append((chunk, STRING))
                    chunk = ""
                pieces += [("{", INTERPOLATION), *inner, ("}", INTERPOLATION)]
                i = stop + 1
                continue
        if formatted and body[i : i + 2] in ("{{", "}}"):
            chunk += body[i : i + 2]
            i += 2
            continue
        if body[i] == "\\" and not raw and i + 1 < len(body):
            if chunk:
                pieces.append((chunk, STRING))
                chunk = ""
            pieces.append((body[i : i + 2], ESCAPE))
            i += 2
            continue
        chunk += body[i]
        i += 1
    if chunk:
        pieces.append((chunk, STRING))
    if closing:
        pieces.append((closing, STRING))
    return pieces


def _closing_brace(body, start):
    """Where the replacement field opened at `start` ends, or -1."""
    depth = 0
    for index in range(start, len(body)):
        if body[index] in "{[(":
            depth += 1
        elif body[index] in "}])":
            depth -= 1
            if depth == 0:
                return index if body[index] == "}" else -1
    return -1
