// Builds what is missing or out of date: the native engine, CLI and tests, and the WebAssembly module,
// CLI and test runner (both through CMake presets; CMake decides what needs rebuilding).
// Usage: node scripts/build.mjs [native|wasm|wasm-nosimd ...]   (default: native wasm)
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const presets = process.argv.slice(2).length ? process.argv.slice(2) : ['native', 'wasm'];
const env = { ...process.env, NODE_PATH: '/usr/share/nodejs' };

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`build: '${command} ${args.join(' ')}' failed`);
    process.exit(result.status ?? 1);
  }
}

for (const preset of presets) {
  if (!existsSync(path.join(root, 'build', preset, 'CMakeCache.txt'))) run('cmake', ['--preset', preset]);
  run('cmake', ['--build', '--preset', preset, '--parallel', '2']);
}
