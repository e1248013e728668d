// A course platform's page for the embedding tests: seqlab served from localhost on one port, the platform's
// page (files of tests/browser/fixtures/ or of web/) from 127.0.0.1 on another, so the demo is on another
// origin as on a real course site. The fixtures name seqlab http://localhost:8080; the host replaces that by
// seqlab's real origin. Chromium as in browser.mjs, with the page's errors and failed requests collected.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { chromiumPath } from './browser.mjs';

export const FIXTURE_ORIGIN = 'http://localhost:8080';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** Serves `files` ({'/path': file URL}) from 127.0.0.1, with FIXTURE_ORIGIN replaced by `seqlabOrigin`. */
function startHost(files, seqlabOrigin) {
  const server = createServer((request, response) => {
    const route = new URL(request.url, 'http://host').pathname;
    // The browser asks every origin for an icon; the platform's page has none.
    if (route === '/favicon.ico') { response.writeHead(204).end(); return; }
    const file = files[route];
    if (!file) { response.writeHead(404).end(); return; }
    const text = readFileSync(file, 'utf8').replaceAll(FIXTURE_ORIGIN, seqlabOrigin);
    response.writeHead(200, { 'Content-Type': TYPES[path.extname(route)] }).end(text);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * Opens `route` of a platform page made of `files`.
 * @returns {Promise<{page: import('playwright-core').Page, seqlabOrigin: string, hostOrigin: string,
 *   errors: string[], close: () => Promise<void>}>}  errors: the page's and its frames' errors, and every
 *   response of status 400 or more
 */
export async function openHostPage(files, route) {
  const seqlab = await startServer(0);
  const seqlabOrigin = `http://localhost:${seqlab.address().port}`;
  const host = await startHost(files, seqlabOrigin);
  const hostOrigin = `http://127.0.0.1:${host.address().port}`;
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'] });
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors = [];
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('response', (response) => { if (response.status() >= 400) errors.push(`HTTP ${response.status()} ${response.url()}`); });
  await page.goto(`${hostOrigin}${route}`);
  return {
    page, seqlabOrigin, hostOrigin, errors,
    async close() {
      await browser.close();
      await new Promise((resolve) => seqlab.close(resolve));
      await new Promise((resolve) => host.close(resolve));
    },
  };
}

/**
 * Presses Tab from `from` (a selector of the host page) until the host's focus is on `to`, and back with
 * Shift+Tab; fails if either way takes more than `limit` presses (a keyboard trap). Returns how many
 * presses each way took.
 */
export async function tabThrough(page, from, to, limit = 400) {
  const walk = async (start, goal, key) => {
    await page.focus(start);
    for (let presses = 1; presses <= limit; presses += 1) {
      await page.keyboard.press(key);
      if (await page.evaluate((selector) => document.activeElement === document.querySelector(selector), goal)) return presses;
    }
    throw new Error(`${key} from ${start} did not reach ${goal} in ${limit} presses: a keyboard trap`);
  };
  return { forward: await walk(from, to, 'Tab'), backward: await walk(to, from, 'Shift+Tab') };
}
