// Shared set-up of the browser tests: the static server on a free port and Debian's Chromium driven by
// playwright-core (no browser download). Flags keep Chromium off the network, which this machine lacks.
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Serves the page and opens `pathAndQuery` in a new browser (with `navigate: false`, only a blank tab). */
export async function openPlayground(pathAndQuery = '/', { navigate = true } = {}) {
  const server = await startServer(0);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  const url = `http://localhost:${server.address().port}${pathAndQuery}`;
  if (navigate) await page.goto(url);
  return {
    page, errors, url,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
