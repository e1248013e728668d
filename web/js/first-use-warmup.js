// Pays, before the data arrives, the first-use cost of what the page shows only once it does: the fonts of
// its text. While the engine compiles, the main thread is idle. (The other such cost, the number formatting
// of its figures, is paid even earlier: web/js/engine-boot.js.)
//
// Fonts.
// Chromium on Linux resolves each new font strike (a family at one size and weight) in the layout that first
// needs it, through a synchronous call to the browser process (FontCache::GetFontPlatformData,
// GetWebFontRenderStyleForStrike): 40-100 ms each on a 2-core machine. The first trained step draws the first
// charts, tables and sampled text, which meet half a dozen new strikes in one layout: the page froze for
// 300-500 ms there, in every fresh renderer. This module lays out one sample of each such text style per task,
// so that no later layout meets a new strike.
//
// Each sample is real markup with the page's own classes (and the ancestors' classes its selectors need), so
// the CSS (web/css/*.css) stays the one place that says how text looks. A text style that only data draws
// belongs here too: tests/browser/long-tasks.test.mjs fails on the fresh renderer's freeze otherwise.

/** One new strike each: the font family, size and weight that the CSS gives the sample's innermost text. */
const SAMPLES = [
  '<svg class="chart"><text class="axis-label">0</text></svg>',
  '<svg class="chart"><text class="bar-value">0</text></svg>',
  '<svg class="chart"><text class="bar-token">0</text></svg>',
  '<div class="tables"><table><tbody><tr><td>0</td></tr></tbody></table></div>',
  '<p class="generated">0</p>',
  '<div class="lab"><svg class="chart"><text class="heat-char">0</text></svg></div>',
  '<div class="memory"><svg class="chart"><text class="bar-share">0</text></svg></div>',
  '<p class="memory-summary">0</p>',
  '<div class="memory-note"><h3>0</h3></div>',
  '<figure class="memory-figure"><figcaption>0</figcaption></figure>',
  '<figure class="memory-figure"><figcaption><sub>0</sub></figcaption></figure>',
];

/** Out of sight and out of the page's layout: its own layout cannot move anything else. */
const HIDDEN = 'position:absolute;left:0;top:0;width:1px;height:1px;overflow:hidden;visibility:hidden;contain:strict';

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Lays out the font samples in `doc`, one per task, after the first frame. */
export async function warmUpFirstUses(doc) {
  await new Promise((resolve) => doc.defaultView.requestAnimationFrame(resolve));
  for (const markup of SAMPLES) {
    await nextTask();
    const sample = doc.createElement('div');
    sample.style.cssText = HIDDEN;
    sample.setAttribute('aria-hidden', 'true');
    sample.innerHTML = markup;
    doc.body.append(sample);
    void sample.firstElementChild.getBoundingClientRect();   // the layout that resolves the strike, now
    sample.remove();
  }
}
