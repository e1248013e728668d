// The page's first text reaches the worker from web/js/engine-boot.js in two messages ({type: 'engine-text',
// url} when its download starts, then with the bytes), and the page's 'corpus-load' of that url may arrive
// before, between or after them (the page sends it as soon as its settings are built). Whatever the order, the
// load gets the boot's bytes and the text is downloaded once; a failed download leaves the load to fetch it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusPreparers, receiveBootText } from '../../web/js/worker/corpus-handlers.js';

const URL_OF_TEXT = 'http://localhost/assets/timemachine.txt';
const TEXT = 'The Time Traveller (for so it will be convenient to speak of him)';
const bytesOf = (text) => new TextEncoder().encode(text).buffer;
const freshEarly = () => ({ texts: new Map(), deliveries: new Map() });
const load = (early) => corpusPreparers['corpus-load']({ source: 'url', url: URL_OF_TEXT, name: 'The Time Machine' }, early);

/** Counts the downloads a load starts itself (none, when the boot's bytes serve it). */
function countFetches(t, body = TEXT) {
  const calls = [];
  const saved = { fetch: globalThis.fetch, self: globalThis.self };
  globalThis.self = { location: { href: 'http://localhost/js/worker/worker.bundle.js' } };
  globalThis.fetch = async (url) => { calls.push(String(url)); return new Response(body); };
  t.after(() => Object.assign(globalThis, saved));
  return calls;
}

test('a load sent before the bytes arrive waits for them, and downloads nothing', async (t) => {
  const fetches = countFetches(t);
  const early = freshEarly();
  receiveBootText({ url: URL_OF_TEXT }, early);
  const text = load(early);
  receiveBootText({ url: URL_OF_TEXT, bytes: bytesOf(TEXT) }, early);
  assert.equal(await text, TEXT);
  assert.deepEqual(fetches, []);
});

test('a load sent after the bytes arrived takes them, once', async (t) => {
  const fetches = countFetches(t);
  const early = freshEarly();
  receiveBootText({ url: URL_OF_TEXT }, early);
  receiveBootText({ url: URL_OF_TEXT, bytes: bytesOf(TEXT) }, early);
  assert.equal(await load(early), TEXT);
  assert.deepEqual(fetches, []);
  // A second load of the same url (the user chose the text again) downloads it.
  assert.equal(await load(early), TEXT);
  assert.deepEqual(fetches, [URL_OF_TEXT]);
});

test('a failed boot download (bytes null) leaves the load to download the text itself', async (t) => {
  const fetches = countFetches(t);
  const early = freshEarly();
  receiveBootText({ url: URL_OF_TEXT }, early);
  const text = load(early);
  receiveBootText({ url: URL_OF_TEXT, bytes: null }, early);
  assert.equal(await text, TEXT);
  assert.deepEqual(fetches, [URL_OF_TEXT]);
});

test('the boot\'s bytes are decoded as strictly as a download: invalid UTF-8 is refused with the text\'s name', async (t) => {
  countFetches(t);
  const early = freshEarly();
  receiveBootText({ url: URL_OF_TEXT }, early);
  receiveBootText({ url: URL_OF_TEXT, bytes: new Uint8Array([0x54, 0xff, 0x68]).buffer }, early);
  await assert.rejects(load(early), /The Time Machine is not valid UTF-8 text/);
});
