// embed.html's start: the panels' markup lives in ONE place, index.html; this page fetches it (same origin,
// so the page's strict CSP allows it), copies index.html's <main id="panels"> into its own, and then runs
// the page's shell (main.js, as bundled by scripts/bundle-page.mjs), which shows only the panels of `panels=`. It reports the frame's height from
// the start, with the platform messages `resize=` asks for (a bad name is reported by main.js's banner).
import { reportHeight } from './frame-height.js';
import { readResize } from '../state.js';

async function start() {
  const banner = document.querySelector('#error-banner');
  try {
    const response = await fetch(new URL('../../index.html', import.meta.url));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const source = new DOMParser().parseFromString(await response.text(), 'text/html');
    const panels = source.querySelector('#panels');
    if (!panels) throw new Error('index.html has no <main id="panels">');
    document.querySelector('#panels').replaceChildren(...[...panels.childNodes].map((node) => document.importNode(node, true)));
  } catch (error) {
    banner.textContent = `The demo could not load its panels (${error.message}).`;
    banner.hidden = false;
    return;
  } finally {
    reportHeight(window, { lti: readResize(window.location.search).resize.includes('lti') });
  }
  await import('../main.bundle.js');
}

start();
