// The page's WebAssembly module (web/engine/seqlab_core.wasm, what bench/module-size.mjs weighs) registers
// what the page calls and nothing more: the engine information, the schema and the Session. The package's
// classes one object at a time (Corpus, NgramModel, Trainer, Model) and the ARPA reader and writer live in
// seqlab_full.wasm (web/engine/seqlab.mjs), so the page's download does not carry them. The page's features
// still work through the Session of the smaller module, and the worker loads the module the page compiles.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createSeqlab as createPageEngine } from '../../web/engine/seqlab-session.mjs';
import { createSeqlab } from '../../web/engine/seqlab.mjs';

const root = new URL('../../', import.meta.url);
const read = (file) => readFileSync(new URL(file, root), 'utf8');

// The raw Embind names only the package's entry wraps (wasm/bindings/{text,model,ngram,trainer}.cpp).
const PACKAGE_ONLY = ['Corpus', 'NgramModel', 'Trainer', 'RawModel', 'evaluateArpaJson', 'ngramPerplexitiesJson'];
const TEXT = 'the time machine by h g wells\nthe time traveller for so it will be convenient to speak of him\n'.repeat(20);

let page;
let full;
before(async () => {
  page = await createPageEngine();
  full = await createSeqlab();
});

test("the page's module registers none of the package-only bindings; the package's module has each", () => {
  const inPage = PACKAGE_ONLY.filter((name) => page.raw[name] !== undefined);
  assert.deepEqual(inPage, [], `bindings the page never calls are in seqlab_core.wasm: ${inPage.join(', ')}`);
  const missing = PACKAGE_ONLY.filter((name) => full.raw[name] === undefined);
  assert.deepEqual(missing, [], `seqlab_full.wasm lacks ${missing.join(', ')}`);
  for (const name of ['Session', 'engineInfoJson', 'schemaJson']) assert.equal(typeof page.raw[name], 'function', name);
});

// The groups only the command line reads (engine/io/schema.cpp): their tables stay out of the page's module.
const COMMAND_LINE_GROUPS = ['evaluateText', 'ngramQuery', 'generateOutput'];

test("the page's entry resolves to the Session part of the API, with the same engine and the Session's schema", () => {
  assert.deepEqual(Object.keys(page).sort(), ['Session', 'raw', 'schema', 'simd', 'target', 'version']);
  assert.equal(page.version, full.version);
  assert.equal(page.simd, true);
  const { evaluateText, ngramQuery, generateOutput, ...sessionGroups } = full.schema();
  assert.deepEqual(Object.keys(full.schema()).slice(-3), COMMAND_LINE_GROUPS);
  assert.ok([evaluateText, ngramQuery, generateOutput].every((group) => group.length > 0));
  assert.ok(page.schema().run.some((spec) => spec.key === 'epochs'), "the run group (Session.beginRun's) is the Session's");
  assert.deepEqual(page.schema(), sessionGroups);
});

test("the page's module does what the page asks of it: corpus, n-grams, training, checkpoint, PyTorch export", () => {
  const session = new page.Session();
  try {
    const corpus = session.loadCorpus(TEXT, { level: 'char', valFraction: 0.1 });
    assert.ok(corpus.vocabSize > 10 && corpus.tokens > 1000, JSON.stringify(corpus));
    const rows = session.ngramPerplexities({ maxN: 3, smoothing: 'modified-kneser-ney' });
    assert.deepEqual(rows.map((row) => row.n), [1, 2, 3]);
    session.createTrainer('gru', { cell: 'gru', hidden: 8 }, { batch: 2, steps: 5, seed: 1 });
    const report = session.run('gru', 2);
    assert.ok(Number.isFinite(report.loss), JSON.stringify(report));
    const bytes = session.save('gru');
    assert.ok(bytes instanceof Uint8Array && bytes.length > 100);
    const exported = session.exportPytorch('gru');
    assert.ok(exported.safetensors instanceof Uint8Array && exported.script.includes('import torch'));
  } finally {
    session.delete();
  }
});

test('the worker loads the module the page compiles: seqlab-session.mjs over seqlab_core.wasm', () => {
  assert.match(read('web/js/worker/worker.js'), /from '\.\.\/\.\.\/engine\/seqlab-session\.mjs'/);
  assert.match(read('web/js/engine-boot.js'), /'\.\.\/engine\/seqlab_core\.wasm'/);
  assert.match(read('wasm/js/seqlab-session.mjs'), /from '\.\/seqlab_core\.mjs'/);
  assert.match(read('wasm/js/seqlab-session.mjs'), /'\.\/seqlab_core\.wasm'/);
});
