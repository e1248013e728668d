// "Export to PyTorch" from JS: session.exportPytorch(name) gives the safetensors bytes, the Python script and a
// file stem, the same files `seqlab export --pytorch-script` writes for the saved model (one generator, in C++:
// engine/io/pytorch_script). That the script reproduces seqlab's loss is tests/reference/pytorch_script_check.py.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSeqlab } from '../../web/engine/seqlab.mjs';

const root = new URL('../../', import.meta.url);
const seqlab = await createSeqlab();
const text = readFileSync(new URL('web/assets/timemachine.txt', root), 'utf8').slice(0, 3000);

test('session.exportPytorch: safetensors, script and file stem, equal to what the CLI exports', () => {
  const session = new seqlab.Session();
  const dir = mkdtempSync(join(tmpdir(), 'seqlab-export-'));
  try {
    session.loadCorpus(text);
    session.createTrainer('m', { cell: 'gru', hidden: 8, layers: 2 }, { batch: 4, steps: 8, seed: 1 });
    session.run('m', 3);
    const exported = session.exportPytorch('m');
    assert.deepEqual(Object.keys(exported).sort(), ['fileStem', 'safetensors', 'script']);
    assert.ok(exported.safetensors instanceof Uint8Array);
    assert.equal(exported.fileStem, 'seqlab-gru-h8-l2-char');
    // The notes' GRU (the default form) gets the script's own module; the script finds its weights by name.
    assert.match(exported.script, /^#!\/usr\/bin\/env python3\n/);
    assert.match(exported.script, /class NotesGRU\(nn\.Module\)/);
    assert.ok(exported.script.includes(`'${exported.fileStem}.safetensors'`));
    // safetensors: the header length, then a JSON header naming torch's tensors, then float32 data.
    const length = Number(new DataView(exported.safetensors.buffer).getBigUint64(0, true));
    const header = JSON.parse(new TextDecoder().decode(exported.safetensors.subarray(8, 8 + length)));
    assert.deepEqual(Object.keys(header).filter((k) => k.startsWith('rnn.')).sort(),
      ['rnn.bias_ih_l0', 'rnn.bias_ih_l1', 'rnn.weight_hh_l0', 'rnn.weight_hh_l1', 'rnn.weight_ih_l0', 'rnn.weight_ih_l1']);
    assert.equal(JSON.parse(header.__metadata__.seqlab_train).seed, 1);

    // The CLI (WebAssembly under Node) on the saved model writes the same two files.
    const checkpoint = join(dir, 'm.ckpt');
    writeFileSync(checkpoint, session.save('m'));
    const weights = join(dir, `${exported.fileStem}.safetensors`), script = join(dir, `${exported.fileStem}.py`);
    execFileSync(process.execPath, [new URL('bin/seqlab.cjs', root).pathname, 'export', '--model', checkpoint,
      '--out', weights, '--pytorch-script', script], { stdio: 'pipe' });
    assert.equal(readFileSync(script, 'utf8'), exported.script);
    assert.deepEqual(new Uint8Array(readFileSync(weights)), exported.safetensors);

    assert.throws(() => session.exportPytorch('none'), /none/);
    assert.throws(() => session.exportPytorch(''), TypeError);
  } finally {
    session.delete();
    rmSync(dir, { recursive: true, force: true });
  }
});
