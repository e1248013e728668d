// The page's one live region (#announcer, role="status"): a run started, paused, finished, diverged, a race
// ended. Screen readers read it without moving focus. "Not too often": what is said within `GAP_MS` of the
// last announcement waits and only the newest of the waiting messages is read, so a burst of state changes
// (Start, then the first step) becomes one sentence, and progress numbers are never announced on their own.

const GAP_MS = 1500;
const queued = new WeakMap();   // region -> {last: time of the last announcement, text, timer}

/** Says `text` through the page's live region in `doc` (nothing when the page has none). */
export function announce(doc, text) {
  const region = doc.getElementById('announcer');
  if (!region || !text) return;
  const entry = queued.get(region) || { last: -Infinity, text: '', timer: 0 };
  queued.set(region, entry);
  entry.text = text;
  const wait = entry.last + GAP_MS - performance.now();
  if (wait > 0) {
    if (!entry.timer) entry.timer = setTimeout(() => { entry.timer = 0; speak(region, entry); }, wait);
    return;
  }
  speak(region, entry);
}

function speak(region, entry) {
  entry.last = performance.now();
  // The same sentence twice in a row is read twice only if the region's text changes in between.
  region.textContent = region.textContent === entry.text ? `${entry.text}\u00a0` : entry.text;
  region.dataset.count = String((Number(region.dataset.count) || 0) + 1);
}
