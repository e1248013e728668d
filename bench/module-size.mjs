// The page's WebAssembly module against its size budget, printed by both benchmarks (scripts/bench.mjs,
// scripts/bench-browser.mjs): the bytes a first visit downloads, gzip -9 as a server would send them.
// scripts/wasm-size.mjs shows where the bytes go.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** The budget: 250 KB (256,000 bytes) gzipped. */
export const PAGE_MODULE_GZIP_TARGET = 256000;

/**
 * @param {string} root the repository
 * @returns {{bytes: number, gzip: number, target: number, met: boolean, line: string} | null} null when not built
 */
export function pageModuleSize(root) {
  const file = path.join(root, 'web/engine/seqlab_core.wasm');
  if (!existsSync(file)) return null;
  const bytes = readFileSync(file);
  const gzip = zlib.gzipSync(bytes, { level: 9 }).length;
  const n = (x) => x.toLocaleString('en-US');
  return { bytes: bytes.length, gzip, target: PAGE_MODULE_GZIP_TARGET, met: gzip <= PAGE_MODULE_GZIP_TARGET,
    line: `page module: ${n(bytes.length)} bytes, ${n(gzip)} gzipped (target ${n(PAGE_MODULE_GZIP_TARGET)})` };
}
