// The build: bundles bin/oprel.ts and everything it imports into dist/bin/ with esbuild. Loading one
// bundled file instead of hundreds of modules halves the terminal UI's start-up (docs/benchmarks.md,
// "Terminal UI"), and React runs its production build. Chunks are split at the dynamic imports, so
// `oprel run` still never loads ink or react. Type checking is `npm run typecheck`, not this.

import { rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const outdir = `${root}dist/bin`;

// Chunk names carry hashes: clear the old ones (and tsc's former output). dist/ itself stays, for
// the tests' build lock inside it.
for (const old of ["bin", "src"]) rmSync(`${root}dist/${old}`, { recursive: true, force: true });
/**
 * Ink's renderer gets Ink's Output class wrapped by src/ui/app/fast-rows.ts: the renderer's
 * `./output.js` resolves to a small module that does the wrapping, whose own import of that file
 * resolves normally.
 */
const fastRows: Plugin = {
  name: "oprel-fast-rows",
  setup(build) {
    build.onResolve({ filter: /^\.\/output\.js$/ }, (args) =>
      /[\\/]ink[\\/]build[\\/]renderer\.js$/.test(args.importer)
        ? { path: join(dirname(args.importer), "output.js"), namespace: "oprel-fast-rows" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "oprel-fast-rows" }, (args) => ({
      contents: [
        `import Output from ${JSON.stringify(args.path)};`,
        `import { withFastRows } from ${JSON.stringify(join(root, "src/ui/app/fast-rows.ts"))};`,
        "export default withFastRows(Output);",
      ].join("\n"),
      resolveDir: root,
    }));
  },
};

/**
 * Ink and the packages it measures text with (widest-line, cli-truncate, wrap-ansi) count columns
 * with src/terminal/width.ts, which answers plain text without grapheme segmentation and asks
 * string-width itself otherwise: one measure for the app and for Ink, and a cheaper one.
 */
const oneWidth: Plugin = {
  name: "oprel-one-width",
  setup(build) {
    const ours = join(root, "src/terminal/width.ts");
    build.onResolve({ filter: /^string-width$/ }, (args) =>
      /[\\/]node_modules[\\/](ink|widest-line|cli-truncate|wrap-ansi)[\\/]/.test(args.importer)
        ? { path: "string-width", namespace: "oprel-one-width" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "oprel-one-width" }, () => ({
      contents: `export { displayWidth as default } from ${JSON.stringify(ours)};`,
      resolveDir: root,
    }));
  },
};

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
  // Ink loads React's devtools only when DEV=true; they are not installed. zeromq loads a native
  // addon from its own folder, so it stays a package import.
  external: ["react-devtools-core", "zeromq"],
  minifySyntax: true,
  minifyWhitespace: true,
  logLevel: "warning",
  metafile: true,
  plugins: [fastRows, oneWidth],
});
// Which source files each chunk holds: the test that `oprel run` never loads ink reads it.
writeFileSync(`${outdir}/meta.json`, JSON.stringify(result.metafile));
