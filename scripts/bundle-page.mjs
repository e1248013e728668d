// Bundles the page's two module graphs into one file each, with esbuild (a devDependency):
//   web/js/main.js          -> web/js/main.bundle.js           (the page's shell and every panel)
//   web/js/worker/worker.js -> web/js/worker/worker.bundle.js  (the engine worker's dispatcher, with the
//                                                              engine's JS: web/engine/*.mjs, built by CMake)
// The .wasm itself stays a file of its own (web/engine/seqlab_core.wasm): the page compiles it while it downloads.
//
// Why: unbundled, the page made about 70 module requests before its first trained step. Chromium opens at most
// six HTTP/1.1 connections to one host, so the worker's script and its imports queued behind the page's
// modules: on a 2-core machine the worker started 700 ms after it was created. The engine's seven modules,
// left out of the worker's bundle, were two more rounds of requests (seqlab.mjs, then what it imports) after
// the worker started: 230 ms of a cold load on a 2-core machine. Each bundle sits in the folder of its entry
// module, so the URLs its code builds from import.meta.url resolve as they do unbundled (the worker gives the
// engine the .wasm's URL itself: createSeqlab's wasmUrl).
//
// Usage: node scripts/bundle-page.mjs [--watch]   (scripts/build.mjs runs it; scripts/serve.mjs watches)
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** esbuild's options for the two bundles. */
export const bundleOptions = {
  absWorkingDir: root,
  entryPoints: { 'js/main.bundle': 'web/js/main.js', 'js/worker/worker.bundle': 'web/js/worker/worker.js' },
  outdir: 'web',
  bundle: true,
  format: 'esm',
  target: 'es2022',
  // Node's modules: only the engine's Node path imports them (wasm/js/seqlab.mjs), never run in a browser.
  external: ['node:*'],
  sourcemap: 'linked',
  logLevel: 'warning',
};

/** Writes both bundles once; with `watch`, keeps rewriting them as their sources change (until the process ends). */
export async function bundlePage({ watch = false } = {}) {
  const esbuild = await import('esbuild');
  if (!watch) return esbuild.build(bundleOptions);
  const context = await esbuild.context(bundleOptions);
  await context.rebuild();
  await context.watch();
  return context;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundlePage({ watch: process.argv.includes('--watch') });
}
