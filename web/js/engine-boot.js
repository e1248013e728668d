// Starts the engine worker as early as possible. index.html loads this module with `async` and it imports
// nothing, so the worker (and its WebAssembly compile) starts one round trip after the HTML, while the
// page's other modules still load. main.js hands the worker to its EngineClient.
export const boot = {
  worker: new Worker(new URL('./worker/worker.js', import.meta.url), { type: 'module' }),
  /** A failure of the worker before the EngineClient took it over (the client then starts a new one). */
  failure: null,
};
boot.worker.onerror = (event) => { boot.failure = event.message || 'the engine worker failed to start'; };
