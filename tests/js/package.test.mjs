// The package as a user installs it: `npm pack`, then `npm install` of the tarball in an empty folder outside
// the repository. Its `seqlab` command runs (the WebAssembly CLI is CommonJS inside a "type": "module"
// package: the tarball must carry build/wasm/package.json, or Node reads it as an ES module and it dies on
// __dirname), and `import { createSeqlab } from 'seqlab'` works from that folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

test('npm pack + npm install: the seqlab command and the ES module work outside the repository', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seqlab-package-'));
  try {
    const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const tarball = npm(['pack', '--silent', '--pack-destination', dir], root).trim().split('\n').at(-1);
    const app = join(dir, 'app');
    execFileSync('mkdir', [app]);
    writeFileSync(join(app, 'package.json'), '{ "name": "app", "private": true }\n');
    npm(['install', '--offline', '--no-audit', '--no-fund', join(dir, tarball)], app);
    const env = { ...process.env, NODE_PATH: '' };
    const version = JSON.parse(execFileSync(join(app, 'node_modules', '.bin', 'seqlab'), ['--version'], { cwd: app, encoding: 'utf8', env }));
    assert.equal(version.target, 'wasm');
    const groups = execFileSync(process.execPath, ['--input-type=module', '-e',
      "import { createSeqlab } from 'seqlab'; const s = await createSeqlab(); console.log(Object.keys(s.schema()).join(','))"],
    { cwd: app, encoding: 'utf8', env }).trim();
    assert.equal(groups, 'corpus,task,stats,ngram,model,train,generate');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
