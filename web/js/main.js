// The playground's entry: one engine client (the worker), the panels, and nothing else.
import { EngineClient } from './engine-client.js';
import { EngineStatus } from './panels/engine-status.js';

const engine = new EngineClient();
const status = new EngineStatus(document.getElementById('engine-status'));

engine.request('engine-info')
  .then((info) => status.show(info))
  .catch((error) => status.fail(error.message));
