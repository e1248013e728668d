// The page under bad input (issue 16): a binary file, an invalid UTF-8 file, pasted text with a lone
// surrogate, a 300 MB file, a text of one character and URL values (a preset too) of the wrong type. Each gets a message,
// the last good state stays (the corpus, and the trainer that was training on it), and the page still
// answers a click afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, openSync, ftruncateSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPlayground } from './browser.mjs';
import { waitForCorpus, waitForSettings } from './page-helpers.mjs';

/** The message of the corpus panel once it matches `pattern`. */
async function corpusError(page, pattern) {
  await page.waitForFunction((source) => new RegExp(source).test(document.querySelector('#corpus-error').textContent),
    pattern.source, { timeout: 20000 });
  return page.textContent('#corpus-error');
}

/** The page answers a click: the paste box opens and closes. */
async function answersClick(page) {
  const hidden = await page.isHidden('#corpus-paste');
  await page.click('#corpus-paste-toggle', { timeout: 20000 });
  assert.equal(await page.isHidden('#corpus-paste'), !hidden, 'the paste box toggled');
  await page.click('#corpus-paste-toggle', { timeout: 20000 });
}

/** The default corpus and the trainer on it are still those of before. */
async function lastGoodState(page, trainers) {
  assert.deepEqual(await waitForCorpus(page, 173428), { tokens: '173,428', vocab: '28' });
  assert.equal(await page.textContent('#corpus-name'), 'The Time Machine');
  assert.equal(await page.getAttribute('#train-panel', 'data-trainers'), trainers, 'the trainer was not replaced');
}

test('bad files and pasted text: a message each, the corpus and its trainer stay, the page answers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'seqlab-bad-input-'));
  const session = await openPlayground('/');
  try {
    const { page, errors } = session;
    await waitForCorpus(page, 173428);
    await page.waitForFunction(() => Number(document.querySelector('#train-panel').dataset.points) > 1, null,
      { timeout: 60000 });
    const trainers = await page.getAttribute('#train-panel', 'data-trainers');

    // A binary file (a PNG's signature and header: NUL bytes early on).
    await page.setInputFiles('#corpus-file', { name: 'picture.png', mimeType: 'image/png',
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]) });
    assert.match(await corpusError(page, /binary/),
      /^picture\.png looks like a binary file, not text \(a NUL byte at offset 8\).*previous corpus stays loaded$/);
    await lastGoodState(page, trainers);
    await answersClick(page);

    // A file that is not UTF-8 (Latin-1 "café").
    await page.setInputFiles('#corpus-file', { name: 'latin1.txt', mimeType: 'text/plain',
      buffer: Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b]) });
    assert.match(await corpusError(page, /not valid UTF-8/), /^latin1\.txt is not valid UTF-8 text \(bad byte near offset 3\)/);
    await lastGoodState(page, trainers);
    await answersClick(page);

    // Pasted text with a lone surrogate (half of a UTF-16 pair, which has no UTF-8 form).
    await page.click('#corpus-paste-toggle');
    await page.evaluate(() => { document.querySelector('#corpus-text').value = 'the time \uD83D machine'; });
    await page.click('#corpus-use-text');
    assert.match(await corpusError(page, /surrogate/),
      /^pasted text has a lone surrogate \(U\+D83D, .*\) at position 9.*previous corpus stays loaded$/);
    await lastGoodState(page, trainers);
    await page.click('#corpus-paste-toggle');
    await answersClick(page);

    // A text of one character: the engine refuses it (no token is left for validation) and keeps the old.
    await page.click('#corpus-paste-toggle');
    await page.fill('#corpus-text', 'a');
    await page.click('#corpus-use-text');
    assert.match(await corpusError(page, /validation/),
      /^pasted text: validation fraction .* of 1 tokens leaves no validation token.*previous corpus stays loaded$/);
    await lastGoodState(page, trainers);
    await page.click('#corpus-paste-toggle');
    await answersClick(page);
    // The trainer that was there still trains on the corpus that was there.
    const points = Number(await page.getAttribute('#train-panel', 'data-points'));
    await page.waitForFunction((before) => Number(document.querySelector('#train-panel').dataset.points) > before,
      points, { timeout: 60000 });

    // A 300 MB file (sparse, made here): refused by its size before the page reads it.
    const big = join(dir, 'huge.txt');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 300 * 2 ** 20);
    closeSync(fd);
    await page.evaluate(() => {
      window.fileReads = 0;
      for (const method of ['arrayBuffer', 'text', 'stream']) {
        const original = Blob.prototype[method];
        Blob.prototype[method] = function read(...args) { window.fileReads += 1; return original.apply(this, args); };
      }
    });
    await page.setInputFiles('#corpus-file', big);
    assert.match(await corpusError(page, /300 MB/),
      /^huge\.txt is 300 MB, more than the 256 MB this page accepts .*previous corpus stays loaded$/);
    assert.equal(await page.evaluate(() => window.fileReads), 0, 'the file was not read');
    await lastGoodState(page, trainers);
    await answersClick(page);
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('URL values (and a preset) of the wrong type are named in a notice, the defaults used, the page works', async () => {
  const session = await openPlayground('/?autostart=0&hidden=many&batch=2.5&level=words&valFraction=%5B1%5D' +
    '&autostart=perhaps&seed=-1&preset=42');
  try {
    const { page, errors } = session;
    await waitForSettings(page);
    await page.waitForSelector('#error-banner:not([hidden])');
    const banner = await page.textContent('#error-banner');
    assert.match(banner, /^Some URL settings were ignored: /);
    for (const name of ['hidden', 'batch', 'level', 'valFraction', 'autostart', 'seed', 'preset']) {
      assert.match(banner, new RegExp(`\\b${name}\\b`), `the notice names ${name}`);
    }
    assert.equal(await page.inputValue('input[data-prop="hidden"]'), '64');
    assert.equal(await page.inputValue('select[data-prop="level"]'), 'char');
    assert.deepEqual(await waitForCorpus(page, 173428), { tokens: '173,428', vocab: '28' });
    await answersClick(page);
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});
