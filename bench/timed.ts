// Wall time of a whole command, from spawn to exit: what the run and shard benchmarks measure.

import { spawn } from "node:child_process";

const env: NodeJS.ProcessEnv = { ...process.env, PYDEVD_DISABLE_FILE_VALIDATION: "1" };
delete env.MPLBACKEND;

/** Wall time of one command in ms; a command that fails stops the benchmark. */
export function timed(command: string, args: string[], cwd?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const elapsed = performance.now() - started;
      if (code === 0) resolve(elapsed);
      else reject(new Error(`${command} ${args.join(" ")} exited ${code}:\n${stderr}`));
    });
  });
}
