// The text of `oprel run --help`. The README's "oprel run" section says the same in prose.

export const RUN_HELP = `Usage: oprel run [options] NOTEBOOK...

Runs notebooks headless, writing each executed notebook back in place.

Output
  -o, --output FILE          write the executed notebook here (one notebook only)
  --output-dir DIR           write executed notebooks into DIR, keeping their names
  --no-save                  run without writing any notebook

Parameters (papermill-compatible; later ones override earlier ones)
  -p NAME VALUE              a value: True/False/None, int, float, else text; coerced to the
                             type of the default in the cell tagged 'parameters'
  -r NAME VALUE              a raw string, never converted
  -f FILE.yaml               parameters from a YAML file
  -y 'YAML'                  parameters as a YAML string, e.g. -y 'layers: [64, 32]'
  --strict-params            refuse names the parameters cell does not define

Errors and time limits
  --continue-on-error        run the remaining cells after an error; still exit 1
  --allow-errors             record errors in the notebook and exit 0
  --timeout SECONDS          limit for each cell
  --notebook-timeout SECONDS limit for a whole notebook

Environment
  --cwd DIR                  working directory of the kernels (default: each notebook's folder)
  --python PATH              Python interpreter for the kernels
  --kernel NAME              run every notebook in this kernel, over its own kernelspec: an
                             installed Jupyter kernel (ir, ...), python3 for oprel's worker, or
                             python3-jupyter for the real ipykernel
  --gateway URL              run the kernels on this Jupyter Server or (Enterprise) Gateway
                             (default: $OPREL_GATEWAY_URL; token: $OPREL_GATEWAY_TOKEN)
  --memory-limit SIZE        address-space limit per kernel, e.g. 4G or 512M; past it,
                             allocations raise MemoryError instead of waking the OOM killer

Several notebooks
  -j, --jobs N               run N notebooks at once (default 1)
  --fail-fast                stop the other notebooks at the first failure
  --registry-limit SIZE      the largest value %share takes (default 1G)
  --registry-dir DIR         keep shared values in DIR, for later runs to %fetch

CI sharding (merge the shards' --json reports with 'oprel report merge')
  --shard I/N                run only the I-th of N shares of the notebooks; without durations
                             the split is by a hash of each path relative to the working folder
  --shard-durations FILE     balance the shares by the durations in an earlier --json report

Reporting
  --log-output               stream each cell's output, prefixed with the notebook's name
  --max-output SIZE          output one cell keeps (default 100M); past it, the notebook keeps
                             the first and last half with a note saying how much was dropped
  --no-timing                leave start/end times out of the saved notebook (clean diffs)
  --junit FILE               write a JUnit XML report, one test case per notebook
  --junit-cells              add a test case per cell to the JUnit report
  --json FILE                write a JSON report: status, duration and error per notebook and cell
  --debug                    show stack traces of oprel's own errors

Cell tags
  parameters                 holds the defaults; values are injected in a cell right after it
  skip-execution             the cell is not run
  raises-exception           the cell must raise; the run goes on

Exit codes (with several notebooks the highest wins, signals above all)
  0    every notebook ran without error (or --allow-errors)
  1    a cell failed
  2    usage error, unreadable or invalid notebook, bad parameter, or the output could not be saved
  3    a cell or notebook timed out
  4    a kernel died
  5    a kernel could not start
  129  hung up (SIGHUP: the terminal went away); what ran is saved
  130  interrupted by SIGINT; what ran is saved
  143  terminated by SIGTERM; what ran is saved
`;
