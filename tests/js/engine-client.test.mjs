// The page's engine client (web/js/engine-client.js) with a scripted stand-in for the Web Worker: a
// worker that dies is replaced, and at most once for the same request, so a page that re-sends its state
// after a restart cannot loop.
import { test } from 'node:test';
import assert from 'node:assert/strict';

/** A Worker whose answers the test scripts: `answer(message)` returns the reply, or 'die' to end it. */
class ScriptedWorker {
  static all = [];
  static answer = () => ({ ok: true, result: {} });
  constructor() {
    this.terminated = false;
    this.received = [];
    ScriptedWorker.all.push(this);
  }
  postMessage(message) {
    this.received.push(message);
    queueMicrotask(() => {
      if (this.terminated) return;
      const reply = ScriptedWorker.answer(message, this);
      if (reply === 'die') this.die('simulated crash');
      else if (reply) this.onmessage({ data: { id: message.id, ...reply } });
    });
  }
  die(message) { this.onerror({ message, preventDefault() {} }); }
  event(event, data) { this.onmessage({ data: { type: 'event', event, data } }); }
  terminate() { this.terminated = true; }
}
globalThis.Worker = ScriptedWorker;
const { EngineClient, requestKey } = await import('../../web/js/engine-client.js');

function fresh(answer) {
  ScriptedWorker.all = [];
  ScriptedWorker.answer = answer;
  const client = new EngineClient(new URL('file:///worker.js'));
  const restarts = [];
  client.on('restarted', (data) => restarts.push(data));
  return { client, restarts };
}

const huge = { model: { hidden: 4096 }, train: { batch: 4096 }, epochs: 1 };
const small = { model: { hidden: 8 }, train: { batch: 4 }, epochs: 1 };

test('a request whose answer says it ended the worker restarts it once and is not sent again', async () => {
  const { client, restarts } = fresh((message, worker) => {
    if (message.type === 'train-create' && message.payload.model.hidden === 4096) {
      worker.onmessage({ data: { id: message.id, ok: false, error: 'the engine ran out of memory', fatal: true } });
      return 'die';
    }
    return { ok: true, result: { trainerId: 1 } };
  });
  await assert.rejects(client.request('train-create', huge), /ran out of memory/);
  assert.equal(ScriptedWorker.all.length, 2, 'a new worker replaced the one that ended');
  assert.ok(ScriptedWorker.all[0].terminated);
  assert.deepEqual(restarts, [{ reason: 'simulated crash', request: 'train-create', final: true }]);
  // The page re-sends its state: the same request is refused without reaching the new worker.
  await assert.rejects(client.request('train-create', huge), /not send it again.*change a setting/);
  assert.equal(ScriptedWorker.all.length, 2, 'no second restart');
  assert.equal(ScriptedWorker.all[1].received.length, 0);
  // Other settings go through.
  assert.deepEqual(await client.request('train-create', small), { trainerId: 1 });
  assert.equal(ScriptedWorker.all[1].received.length, 1);
});

test('a request only suspected (pending when the worker died) is tried once more, then not again', async () => {
  const { client, restarts } = fresh((message) => (message.payload.top === 10 ? 'die' : { ok: true, result: 1 }));
  await assert.rejects(client.request('corpus-stats', { top: 10 }), /simulated crash/);
  assert.deepEqual(restarts.at(-1), { reason: 'simulated crash', request: 'corpus-stats', final: false });
  await assert.rejects(client.request('corpus-stats', { top: 10 }), /simulated crash/);
  assert.deepEqual(restarts.at(-1), { reason: 'simulated crash', request: 'corpus-stats', final: true });
  assert.equal(ScriptedWorker.all.length, 3);
  await assert.rejects(client.request('corpus-stats', { top: 10 }), /does not send it again/);
  assert.equal(ScriptedWorker.all.length, 3, 'the worker is not recreated a third time');
  assert.equal(await client.request('corpus-stats', { top: 5 }), 1);
});

test('a worker that dies while training blames the training of that trainer, not the next one', async () => {
  const { client, restarts } = fresh(() => ({ ok: true, result: {} }));
  await client.request('train-create', small);
  await client.request('train-start');
  for (let round = 1; round <= 2; ++round) {
    ScriptedWorker.all.at(-1).event('train-progress', { running: true });
    ScriptedWorker.all.at(-1).die('simulated crash');
    assert.deepEqual(restarts.at(-1), { reason: 'simulated crash', request: 'train-start', final: round === 2 });
    await client.request('train-create', small);   // the page re-creates the trainer (allowed)
  }
  await assert.rejects(client.request('train-start'), /does not send it again/);
  await client.request('train-create', huge);      // other settings: a new trainer may start
  await client.request('train-start');
  // A worker that dies with nothing pending and no training blames nothing.
  ScriptedWorker.all.at(-1).event('train-stopped', { reason: 'paused' });
  ScriptedWorker.all.at(-1).die('simulated crash');
  assert.deepEqual(restarts.at(-1), { reason: 'simulated crash', request: null, final: false });
});

test('requestKey tells files apart by their size, as their bytes are transferred', () => {
  assert.notEqual(requestKey('corpus-load', { bytes: new ArrayBuffer(3), name: 'a' }),
    requestKey('corpus-load', { bytes: new ArrayBuffer(4), name: 'a' }));
  assert.equal(requestKey('x', { a: 1 }), 'x {"a":1}');
});

test('a refusal keeps the worker\'s code, so the page acts on it without reading the message', async () => {
  const { NO_CORPUS } = await import('../../web/js/protocol.js');
  const { client } = fresh(() => ({ ok: false, error: 'the Gradients lab needs a text', code: NO_CORPUS }));
  await assert.rejects(client.request('lab-linear', { rho: 1 }), (error) => error.code === NO_CORPUS);
  const other = fresh(() => ({ ok: false, error: 'lr = 0 is outside (0, 100]' }));
  await assert.rejects(other.client.request('lab-linear', { rho: 1 }), (error) => error.code === undefined);
});
