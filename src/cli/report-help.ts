// The text of `oprel report --help`.

export const REPORT_HELP = `Usage: oprel report merge [options] REPORT.json...

Merges the JSON reports of sharded runs (oprel run --shard I/N --json FILE) into one report.
Durations add up and the highest exit code wins, as if one machine had run every notebook.
Without --json or --junit the merged JSON report is written to standard output.

Options
  --json FILE                write the merged JSON report here
  --junit FILE               write a JUnit XML report of the merged run
  --junit-cells              add a test case per cell to the JUnit report
  -h, --help                 show this help

Exit codes
  0    the reports were merged (the shards' own exit codes carry whether notebooks passed)
  2    usage error, or a report that cannot be read or is not an oprel JSON report
`;
