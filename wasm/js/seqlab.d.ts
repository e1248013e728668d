// Types of the seqlab package's ES module entry (web/engine/seqlab.mjs).

/** The engine, as `createSeqlab()` resolves it. */
export interface Seqlab {
  /** The engine version, e.g. "0.1.0". */
  readonly version: string;
  /** True when the WebAssembly module was compiled with SIMD128. */
  readonly simd: boolean;
  /** "wasm" for this module. */
  readonly target: string;
  /** The raw Embind module (advanced use). */
  readonly raw: unknown;
}

/** Loads the WebAssembly module (in Node, in a Web Worker or on a page) and resolves to the engine. */
export function createSeqlab(): Promise<Seqlab>;
export default createSeqlab;
