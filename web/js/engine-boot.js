// Starts the engine worker as early as possible: index.html loads this module with `async`, so the
// worker (and its WebAssembly compile) starts while the page's other modules are still loading.
// main.js imports the same instance.
import { EngineClient } from './engine-client.js';

export const engine = new EngineClient();
