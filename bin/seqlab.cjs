#!/usr/bin/env node
// `seqlab` for Node: the CLI compiled to WebAssembly (build/wasm/seqlab-cli.js, `npm run build`).
// Emscripten 3.1.6 tries Node's global fetch on the .wasm's file path, which fails; without fetch it reads
// the file from disk. The program sees its arguments in process.argv and exits with its own code.
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const program = path.join(__dirname, '..', 'build', 'wasm', 'seqlab-cli.js');
if (!fs.existsSync(program)) {
  process.stderr.write(`{"error":"${program} is not built: run npm run build"}\n`);
  process.exit(2);
}
delete globalThis.fetch;
require(program);
