// Measures how tall embed.html's content is for each preset and `panels=` choice, at the widths a course
// page gives a frame, with the engine loaded and nothing trained (`autostart=0`): the table of
// docs/embedding.md ("Heights for a fixed frame"). Prints the table's rows as Markdown.
//   node scripts/embed-heights.mjs
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';

const ROWS = [
  ['`d2l-ngram`', 'corpus, ngram', 'preset=d2l-ngram'],
  ['`d2l-rnn-scratch`, `d2l-rnn-concise`, `d2l-gru`, `d2l-lstm`, `d2l-deep-rnn`', 'train, generate', 'preset=d2l-gru'],
  ['`d2l-bptt`', 'train, trunc', 'preset=d2l-bptt'],
  ['`memory`', 'memory', 'preset=memory'],
  ['a network preset', '`panels=train`', 'preset=d2l-gru&panels=train'],
  ['a network preset', '`panels=generate`', 'preset=d2l-gru&panels=generate'],
  ['a network preset', '`panels=train,gradients`', 'preset=d2l-gru&panels=train,gradients'],
  ['a network preset', '`panels=train,generate,gradients`', 'preset=d2l-gru&panels=train,generate,gradients'],
  ['none', '`panels=corpus`', 'panels=corpus'],
  ['none', '`panels=ngram`', 'panels=ngram'],
  ['none', '`panels=lab` (the whole Gradients lab)', 'panels=lab'],
];
const WIDTHS = [720, 1000];

/** The content's height once it has stopped changing for a second (charts draw after the engine is up). */
async function settledHeight(page) {
  await page.waitForSelector('#engine-status[data-state="ready"]', { timeout: 60000 });
  await page.waitForFunction(() => document.documentElement.dataset.panels, null, { timeout: 60000 });
  // The whole Gradients lab trains its own models and is as tall as its first drawn view (not its empty
  // one). (The truncation view of d2l-bptt draws only when the student starts the comparison.)
  if ((await page.evaluate(() => document.documentElement.dataset.panels)).split(',').includes('lab')) {
    await page.waitForSelector('#lab-view-flow[data-updated]', { timeout: 120000 });
  }
  let last = -1;
  // At most 15 s: a running memory race rewrites its status line every second.
  for (let stable = 0, tries = 0; stable < 4 && tries < 60; tries++) {
    await page.waitForTimeout(250);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    stable = height === last ? stable + 1 : 0;
    last = height;
  }
  return last;
}

const server = await startServer(0);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu'] });
try {
  const origin = `http://localhost:${server.address().port}`;
  for (const [preset, panels, query] of ROWS) {
    const heights = [];
    for (const width of WIDTHS) {
      // A short viewport: the frame's content height, not the window's, is what is measured.
      const page = await browser.newPage({ viewport: { width, height: 100 } });
      await page.goto(`${origin}/embed.html?${query}&autostart=0`);
      heights.push(await settledHeight(page));
      await page.close();
    }
    // Room for generated text (about 100 px) and the book note's "how this demo differs" (about 60 px).
    const give = Math.ceil((Math.max(...heights) + 160) / 50) * 50;
    console.log(`| ${preset} | ${panels} | ${heights[0]} | ${heights[1]} | ${give} |`);
  }
} finally {
  await browser.close();
  server.close();
}
