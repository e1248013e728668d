// wasm/js/seqlab-options.d.ts and web/js/engine-schema.json are what scripts/generate-dts.mjs writes from
// seqlab.schema(): an option table changed without running the script (or a file edited by hand) fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createSeqlab } from '../../web/engine/seqlab.mjs';
import { GROUP_INTERFACES, OPTIONS_DTS, PAGE_SCHEMA, optionTypesText } from '../../scripts/generate-dts.mjs';

const seqlab = await createSeqlab();

test('seqlab-options.d.ts is the generator\'s output for the current schema', () => {
  assert.equal(readFileSync(OPTIONS_DTS, 'utf8'), optionTypesText(seqlab.schema()),
    'wasm/js/seqlab-options.d.ts is stale: run node scripts/generate-dts.mjs');
});

test('the page\'s engine-schema.json is the engine\'s schema', () => {
  assert.deepEqual(JSON.parse(readFileSync(PAGE_SCHEMA, 'utf8')), seqlab.schema(),
    'web/js/engine-schema.json is stale: run node scripts/generate-dts.mjs');
});

test('the generator writes one interface per group, required keys without "?"', () => {
  const schema = seqlab.schema();
  const text = optionTypesText(schema);
  for (const group of Object.keys(schema)) {
    assert.ok(text.includes(`export interface ${GROUP_INTERFACES[group][0]} {`), group);
  }
  assert.match(text, /\n {2}rho: number;\n/);         // linearRnn's rho is required
  assert.match(text, /\n {2}hidden\?: number;\n/);
  assert.match(text, /\n {2}truncation\?: 'full' \| 'fixed' \| 'random';\n/);
  // A group the generator has no interface name for is refused, not skipped.
  assert.throws(() => optionTypesText({ ...schema, extra: [] }), /'extra' has no interface name/);
});
