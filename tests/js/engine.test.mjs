// The package entry resolves to the engine in Node, and the CLI runs natively and under Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createSeqlab } from '../../web/engine/seqlab.mjs';

const root = new URL('../../', import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('package.json', root)));

test('createSeqlab() resolves to the engine with its version and SIMD', async () => {
  const seqlab = await createSeqlab();
  assert.equal(seqlab.version, version);
  assert.equal(seqlab.simd, true);
  assert.equal(seqlab.target, 'wasm');
});

for (const [name, command, args] of [
  ['native', new URL('build/native/seqlab', root).pathname, []],
  ['node', process.execPath, [new URL('bin/seqlab.cjs', root).pathname]],
]) {
  test(`seqlab --version (${name}) prints JSON with the package version`, () => {
    const out = JSON.parse(execFileSync(command, [...args, '--version'], { encoding: 'utf8' }));
    assert.equal(out.seqlab, version);
    assert.equal(out.target, name === 'native' ? 'native' : 'wasm');
  });

  test(`seqlab --help (${name}) lists the usage`, () => {
    assert.match(execFileSync(command, [...args, '--help'], { encoding: 'utf8' }), /usage: seqlab COMMAND/);
  });

  test(`seqlab with an unknown command (${name}) fails with a JSON error`, () => {
    assert.throws(() => execFileSync(command, [...args, 'no-such-command'], { encoding: 'utf8', stdio: 'pipe' }),
      (error) => error.status === 2 && /unknown command/.test(JSON.parse(error.stderr).error));
  });
}
