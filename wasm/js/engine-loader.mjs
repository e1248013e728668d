// What both entries share (seqlab.mjs, the package's: every class; seqlab-session.mjs, the page's: the
// Session only): loading an Embind module (its ES module glue + .wasm) and the engine information and schema
// every API object carries. Structured results arrive from C++ as JSON text and are parsed here.

const isNode = typeof process === 'object' && typeof process.versions === 'object' &&
  typeof process.versions.node === 'string' && typeof window === 'undefined' &&
  typeof importScripts === 'undefined';

/**
 * Loads a WebAssembly module through its glue's factory. Node gets the .wasm bytes directly: its global fetch
 * cannot load a path. `wasmModule`: a WebAssembly.Module compiled already (a page compiles it while it
 * downloads and hands it to its worker), instantiated with the glue's imports instead of fetching the file again.
 * @param {Function} createModule  the glue's default export (createSeqlabModule)
 * @param {URL|string} wasmUrl  the .wasm
 * @param {WebAssembly.Module} [wasmModule]
 */
export async function loadModule(createModule, wasmUrl, wasmModule) {
  if (wasmModule) {
    let fail;
    const failed = new Promise((_, reject) => { fail = reject; });
    const ready = createModule({
      instantiateWasm(imports, receiveInstance) {
        WebAssembly.instantiate(wasmModule, imports)
          .then((instance) => receiveInstance(instance, wasmModule))   // throws for a module that is not seqlab's
          .catch(fail);
        return {};   // asynchronous: the glue waits for receiveInstance
      },
    });
    return Promise.race([ready, failed]);
  }
  if (isNode) {
    const { readFile } = await import('node:fs/promises');
    return createModule({ wasmBinary: await readFile(wasmUrl) });
  }
  return createModule({ locateFile: () => String(wasmUrl) });
}

/** The API object's common part: {version, simd, target, raw, schema()}. */
export function baseApi(raw) {
  const info = JSON.parse(raw.engineInfoJson());
  return {
    version: info.version,
    simd: info.simd,
    target: info.target,
    /** The raw Embind module, for code that needs what this wrapper does not expose. */
    raw,
    /** The option schema {corpus, task, stats, ngram, model, train, generate}: each a list of specs (a fresh copy). */
    schema: () => JSON.parse(raw.schemaJson()),
  };
}
