// Builds what is missing or out of date: the native engine, CLI and tests, and the WebAssembly module,
// CLI and test runner (both through CMake presets; CMake decides what needs rebuilding), and the page's two
// JavaScript bundles (`page`: scripts/bundle-page.mjs).
// Usage: node scripts/build.mjs [native|wasm|wasm-nosimd|page ...]   (default: native wasm page)
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const targets = process.argv.slice(2).length ? process.argv.slice(2) : ['native', 'wasm', 'page'];
const env = { ...process.env, NODE_PATH: '/usr/share/nodejs' };

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`build: '${command} ${args.join(' ')}' failed`);
    process.exit(result.status ?? 1);
  }
}

for (const preset of targets.filter((target) => target !== 'page')) {
  if (!existsSync(path.join(root, 'build', preset, 'CMakeCache.txt'))) run('cmake', ['--preset', preset]);
  run('cmake', ['--build', '--preset', preset, '--parallel', '2']);
}
if (targets.includes('page')) {
  const { bundlePage } = await import('./bundle-page.mjs');
  await bundlePage();
}
