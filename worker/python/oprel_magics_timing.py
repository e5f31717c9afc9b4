"""%time, %%time, %timeit, %%timeit, %prun and %%prun, with IPython's output format."""

import math
import sys
import time

from oprel_magics_registry import UsageError, cell_magic, line_magic, shell


def format_time(seconds, precision=3):
    """IPython's human-readable time span: `1.23 ms`, `456 ns`, `2min 3s`."""
    if seconds >= 60.0:
        parts = []
        left = seconds
        for suffix, length in (("d", 86400), ("h", 3600), ("min", 60), ("s", 1)):
            value = int(left / length)
            if value > 0:
                left = left % length
                parts.append("%s%s" % (value, suffix))
            if left < 1:
                break
        return " ".join(parts)
    units = ["s", "ms", _symbol("\xb5", "u") + "s", "ns"]
    order = min(-int(math.floor(math.log10(seconds)) // 3), 3) if seconds > 0.0 else 3
    return "%.*g %s" % (precision, seconds * (1, 1e3, 1e6, 1e9)[order], units[order])


def _symbol(wanted, fallback):
    """µ and ± only where stdout can encode them, as IPython does."""
    try:
        wanted.encode(getattr(sys.stdout, "encoding", None) or "ascii")
        return wanted
    except (UnicodeError, LookupError):
        return fallback


# ---- %time ----


@line_magic("time", expand=False)
def time_line(line, frame):
    """%time STATEMENT: run it once, print CPU and wall times, return an expression's value."""
    return _time(line, frame)


@cell_magic("time", expand=False)
def time_cell(line, cell, frame):
    """%%time: run the cell once, print CPU and wall times, show its last expression's value."""
    if line.strip():
        raise UsageError("Can't use statement directly after '%%time'!")
    # A leading newline keeps the body's line numbers equal to the cell's (its line 1 is `%%time`).
    return _time("\n" + cell, frame)


def _time(source, frame):
    """Run source where the magic ran, print CPU and wall times, return a trailing expression's value.
    An exception is shown as IPython shows it (no times) and the rest of the cell still runs."""
    import resource

    wall_start = time.time()
    cpu_start = resource.getrusage(resource.RUSAGE_SELF)
    try:
        value = run_in_frame(source, frame, "<timed eval>" if _is_expression(source) else "<timed exec>")
    except KeyboardInterrupt:
        raise  # an interrupt (or a timeout) still stops the cell
    except BaseException as exc:
        shell().show_exception(exc)
        return None
    cpu_end = resource.getrusage(resource.RUSAGE_SELF)
    wall = time.time() - wall_start
    user = cpu_end.ru_utime - cpu_start.ru_utime
    system = cpu_end.ru_stime - cpu_start.ru_stime
    times = (format_time(user), format_time(system), format_time(user + system))
    print("CPU times: user %s, sys: %s, total: %s" % times)
    print("Wall time: %s" % format_time(wall))
    return value


def run_in_frame(source, frame, filename):
    """At the top level through the core (the notebook's namespace); inside a function with its locals."""
    core = shell()
    if frame.f_globals is core.user_ns and frame.f_locals is core.user_ns:
        return core.run_source(source, filename)
    import ast

    tree = ast.parse(core.transform_cell(source))
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    local_ns = frame.f_locals
    exec(compile(tree, filename, "exec"), frame.f_globals, local_ns)
    if last is None:
        return None
    return eval(compile(ast.Expression(last.value), filename, "eval"), frame.f_globals, local_ns)


def _is_expression(source):
    """IPython names the code %time runs `<timed eval>` when it is one expression, else `<timed exec>`."""
    try:
        compile(shell().transform_cell(source), "<timed eval>", "eval")
        return True
    except SyntaxError:
        return False


# ---- %timeit ----


_TIMEIT_LINE = "{mean} {pm} {std} per loop (mean {pm} std. dev. of {runs} run{rs}, {loops:,} loop{ls} each)"


class TimeitResult:
    """What `%timeit -o` returns (IPython's attributes: loops, repeat, best, worst, all_runs, timings...)."""

    def __init__(self, loops, repeat, best, worst, all_runs, compile_time, precision):
        self.loops = loops
        self.repeat = repeat
        self.best = best
        self.worst = worst
        self.all_runs = all_runs
        self.compile_time = compile_time
        self._precision = precision
        self.timings = [run / loops for run in all_runs]

    @property
    def average(self):
        return math.fsum(self.timings) / len(self.timings)

    @property
    def stdev(self):
        mean = self.average
        return (math.fsum((t - mean) ** 2 for t in self.timings) / len(self.timings)) ** 0.5

    def __str__(self):
        pm = _symbol("\xb1", "+-")
        return _TIMEIT_LINE.format(
            pm=pm,
            runs=self.repeat,
            loops=self.loops,
            rs="" if self.repeat == 1 else "s",
            ls="" if self.loops == 1 else "s",
            mean=format_time(self.average, self._precision),
            std=format_time(self.stdev, self._precision),
        )

    def __repr__(self):
        return "<TimeitResult : " + str(self) + ">"


@line_magic("timeit", expand=False)
def timeit_line(line, frame):
    """%timeit [-n<N> -r<R> -p<P> -t -q -o] STATEMENT: mean and spread of R runs of N loops each."""
    options, statement = parse_timeit_options(line)
    if not statement.strip():
        return None
    return _timeit(options, "pass", statement, frame)


@cell_magic("timeit", expand=False)
def timeit_cell(line, cell, frame):
    """%%timeit [options] [setup]: time the cell body; the first line's code runs once, untimed."""
    options, setup = parse_timeit_options(line)
    return _timeit(options, setup or "pass", cell, frame)


def parse_timeit_options(line):
    """Leading -n<N> -r<R> -p<P> -t -c -q -o (getopt style: they stop at the statement)."""
    import re

    options = {}
    rest = line
    while True:
        rest = rest.lstrip()
        valued = re.match(r"-([nrp])\s*(\d+)(?=\s|$)", rest)
        if valued:
            options[valued.group(1)] = int(valued.group(2))
            rest = rest[valued.end() :]
            continue
        flags = re.match(r"-([tcqo]+)(?=\s|$)", rest)
        if flags:
            options.update(dict.fromkeys(flags.group(1), True))
            rest = rest[flags.end() :]
            continue
        return options, rest


def _timeit(options, setup, statement, frame):
    import gc
    import itertools

    core = shell()
    if frame.f_globals is core.user_ns and frame.f_locals is core.user_ns:
        namespace = core.user_ns
    else:
        namespace = dict(frame.f_globals)
        namespace.update(frame.f_locals)
    started = time.perf_counter()
    inner = _timer_function(setup, statement, namespace)
    compile_time = time.perf_counter() - started
    timer = time.time if options.get("t") else time.perf_counter
    repeat = options.get("r", 7)
    precision = options.get("p", 3)

    def measure(number):
        enabled = gc.isenabled()
        gc.disable()
        try:
            return inner(itertools.repeat(None, number), timer)
        finally:
            if enabled:
                gc.enable()

    number = options.get("n", 0)
    if number == 0:
        # Loops chosen so that one run takes at least 0.2 s, as IPython does.
        for power in range(10):
            number = 10**power
            if measure(number) >= 0.2:
                break
    runs = [measure(number) for _ in range(repeat)]
    best, worst = min(runs) / number, max(runs) / number
    result = TimeitResult(number, repeat, best, worst, runs, compile_time, precision)
    if not options.get("q"):
        if worst > 4 * best and best > 0 and worst > 1e-6:
            print(
                "The slowest run took %0.2f times longer than the fastest. "
                "This could mean that an intermediate result is being cached." % (worst / best)
            )
        print(result)
        if compile_time > 0.1:
            print("Compiler time: %.2f s" % compile_time)
    return result if options.get("o") else None


_TEMPLATE = """\
def inner(_it, _timer):
    pass
    _t0 = _timer()
    for _i in _it:
        pass
    _t1 = _timer()
    return _t1 - _t0
"""


def _timer_function(setup, statement, namespace):
    """Compile setup and statement into timeit's loop function, bound to the namespace's globals."""
    import ast

    setup_tree = ast.parse(shell().transform_cell(setup))
    statement_tree = ast.parse(shell().transform_cell(statement))
    # Compile each alone first, so errors in them read as they would on their own.
    compile(setup_tree, "<magic-timeit-setup>", "exec")
    compile(statement_tree, "<magic-timeit-stmt>", "exec")
    template = ast.parse(_TEMPLATE)
    function = template.body[0]
    loop = function.body[2]
    loop.body = statement_tree.body or [ast.Pass()]
    function.body[0:1] = setup_tree.body or [ast.Pass()]
    ast.fix_missing_locations(template)
    local_ns = {}
    exec(compile(template, "<magic-timeit>", "exec"), namespace, local_ns)
    return local_ns["inner"]


# ---- %prun ----


@line_magic("prun", expand=False)
def prun_line(line, frame):
    """%prun [-l LIMIT] [-s KEY] [-r] [-q] [-T FILE] [-D FILE] STATEMENT: cProfile's report of one run."""
    options, statement = _prun_options(line)
    return _profile(statement, options, frame)


@cell_magic("prun", expand=False)
def prun_cell(line, cell, frame):
    options, _ = _prun_options(line)
    return _profile(cell, options, frame)


def _prun_options(line):
    """Leading -l LIMIT -s KEY (both repeatable) -T FILE -D FILE -r -q; they stop at the statement."""
    import re

    options = {"l": [], "s": []}
    rest = line
    while True:
        rest = rest.lstrip()
        valued = re.match(r"-([lsTD])\s*(\S+)(?=\s|$)", rest)
        if valued:
            flag, value = valued.groups()
            if flag in "ls":
                options[flag].append(value)
            else:
                options[flag] = value
            rest = rest[valued.end() :]
            continue
        flags = re.match(r"-([rq]+)(?=\s|$)", rest)
        if flags:
            options.update(dict.fromkeys(flags.group(1), True))
            rest = rest[flags.end() :]
            continue
        return options, rest


def _profile(source, options, frame):
    import cProfile
    import io
    import pstats

    core = shell()
    code = core.transform_cell(source)
    profiler = cProfile.Profile()
    stopped = ""
    try:
        profiler.runctx(code, frame.f_globals, frame.f_locals)
    except SystemExit:
        stopped = "*** SystemExit exception caught in code being profiled."
    stats = pstats.Stats(profiler).strip_dirs().sort_stats(*(options["s"] or ["time"]))
    limits = [_limit(value) for value in options["l"]]
    text = io.StringIO()
    stats.stream = text
    stats.print_stats(*limits)
    report = text.getvalue().rstrip()
    if not options.get("q"):
        # IPython pages the report; Jupyter shows it in a pager (nbconvert drops it). Printed here.
        print(report)
    print(stopped, end=" ")  # IPython's own line, a lone space when nothing stopped the code
    if options.get("D"):
        profiler.dump_stats(options["D"])
        print("\n*** Profile stats marshalled to file %r.%s" % (options["D"], stopped))
    if options.get("T"):
        with open(options["T"], "w", encoding="utf-8") as handle:
            handle.write(report)
        print("\n*** Profile printout saved to text file %r.%s" % (options["T"], stopped))
    stats.stream = None
    return stats if options.get("r") else None


def _limit(value):
    """-l takes a count, a fraction or a regular expression, as pstats' print_stats does."""
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            pass
    return value
