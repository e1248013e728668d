// Types of the playground's engine entry (web/engine/seqlab-session.mjs): the Session part of the package's
// API (seqlab.d.ts), over the page's smaller WebAssembly module.
import type { Seqlab } from './seqlab';

/** schema() holds the groups a Session reads: the package's schema without run, evaluateText, ngramQuery and
 * generateOutput (the command line's). */
export type SeqlabSession = Pick<Seqlab, 'version' | 'simd' | 'target' | 'raw' | 'schema' | 'Session'>;

/**
 * options.wasmModule: a compiled seqlab_core.wasm (the page compiles it while it downloads); without it the
 * file at options.wasmUrl is loaded (by default the one beside seqlab-session.mjs).
 */
export function createSeqlab(options?: { wasmModule?: WebAssembly.Module; wasmUrl?: string | URL }): Promise<SeqlabSession>;
export default createSeqlab;
