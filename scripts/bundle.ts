// The build: bundles bin/oprel.ts and everything it imports into dist/bin/ with esbuild. Loading one
// bundled file instead of hundreds of modules halves the terminal UI's start-up (docs/benchmarks.md,
// "Terminal UI"), and React runs its production build. Chunks are split at the dynamic imports, so
// `oprel run` still never loads ink or react. Type checking is `npm run typecheck`, not this.

import { rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const outdir = `${root}dist/bin`;

// Chunk names carry hashes: clear the old ones (and tsc's former output). dist/ itself stays, for
// the tests' build lock inside it.
for (const old of ["bin", "src"]) rmSync(`${root}dist/${old}`, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: ["bin/oprel.ts"],
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  chunkNames: "chunks/[name]-[hash]",
  // Bundled CommonJS packages call require(); an ES module has none of its own.
  banner: {
    js: "import { createRequire as oprelRequire } from 'node:module';\nconst require = oprelRequire(import.meta.url);",
  },
  define: { "process.env.NODE_ENV": '"production"' },
  // Ink loads React's devtools only when DEV=true; they are not installed.
  external: ["react-devtools-core"],
  minifySyntax: true,
  minifyWhitespace: true,
  logLevel: "warning",
  metafile: true,
});
// Which source files each chunk holds: the test that `oprel run` never loads ink reads it.
writeFileSync(`${outdir}/meta.json`, JSON.stringify(result.metafile));
