// The text of `oprel ai --help`. The README's "AI assistant" section says the same in prose.

export const AI_HELP = `Usage: oprel ai NOTEBOOK "REQUEST" [options]

Asks the assistant about a notebook and prints what it proposes as a diff. Nothing changes
unless you pass --apply.

Options
  --model NAME         the model (else OPREL_MODEL, else "model:" in the config file)
  --apply              apply the proposed edits and save the notebook
  --run                with --apply: also run the cells the assistant asks to run, feed the
                       results back, and let it fix errors (at most 8 rounds)
  --python PATH        Python interpreter for the kernel (with --run)
  --kernel NAME        run in this Jupyter kernel instead of the notebook's (as oprel run)
  --gateway URL        run the kernel on this Jupyter gateway (as oprel run; token: $OPREL_GATEWAY_TOKEN)
  --timeout SECONDS    limit for each cell run (with --run)
  --debug              show stack traces of unexpected errors
  -h, --help           show this help

Shell escapes (!cmd, %%bash), package installs (%pip) and deletions are shown but never
applied here: accept them in the terminal UI.

Environment
  OPENAI_API_KEY       the key (not needed for a server on this machine, e.g. Ollama)
  OPENAI_BASE_URL      any OpenAI-compatible endpoint, e.g. http://localhost:11434/v1
  OPREL_MODEL          the model
  OPREL_CONTEXT_TOKENS tokens of notebook sent per request (default 8000)
  OPREL_STALL_SECONDS  give up on a silent endpoint after this (default 90; 300 locally)
  Config file: $XDG_CONFIG_HOME/oprel/config.yaml (else ~/.config/oprel/config.yaml),
  with "model:", "base_url:", "context_tokens:" and "stall_seconds:".

Exit codes
  0 done; 1 the notebook ends with errors (--apply --run); 2 usage, configuration or
  notebook error; 5 the kernel could not start; 6 the model endpoint failed (unreachable,
  refused key, unknown model, rate limit, timeout); 130 interrupted.
`;
