import { chromium } from '/work/main/node_modules/playwright-core/index.mjs';
import { startServer } from '/work/main/scripts/serve.mjs';
const server = await startServer(0);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
if (process.env.CSS) await page.addInitScript((css) => { document.addEventListener('DOMContentLoaded', () => { const st = document.createElement('style'); st.textContent = css; document.head.append(st); }); }, process.env.CSS);
if (process.env.WARM) { await page.goto(`http://localhost:${server.address().port}/`); await page.waitForTimeout(7000); await page.goto('about:blank'); }
await browser.startTracing(page, { categories: (process.env.CATS || 'devtools.timeline,disabled-by-default-devtools.timeline,disabled-by-default-devtools.timeline.stack').split(',') });
await page.goto(`http://localhost:${server.address().port}/${process.argv[2] || ''}`);
await page.waitForTimeout(7000);
const buf = await browser.stopTracing();
const events = JSON.parse(buf.toString()).traceEvents;
const main = events.filter((e) => e.name === 'RunTask' && e.dur > 50000);
const tid = (() => { const counts = new Map(); for (const e of events) if (e.name === 'FunctionCall') counts.set(e.tid, (counts.get(e.tid) || 0) + 1); return [...counts].sort((a, b) => b[1] - a[1])[0][0]; })();
{ const f = events.filter((e) => e.name === 'FontCache::GetFontPlatformData' && e.dur);
  console.log('GetFontPlatformData calls', f.length, 'total ms', Math.round(f.reduce((a, e) => a + e.dur, 0) / 1000), 'sample args', JSON.stringify(f.slice(0, 3).map((e) => e.args)));
  const sorted = f.map((e) => Math.round(e.dur / 1000)).sort((a, b) => b - a); console.log('longest', sorted.slice(0, 20).join(' ')); }
console.log('long tasks > 50 ms:', main.filter((e) => e.tid === tid).map((e) => Math.round(e.dur / 1000)).join(' '));
if (process.env.QUIET) process.exit(0);
for (const task of main.filter((e) => e.tid === tid)) {
  const inside = events.filter((e) => e.tid === tid && e.ts >= task.ts && e.ts + (e.dur || 0) <= task.ts + task.dur && e.dur && e !== task);
  const by = new Map();
  for (const e of inside) by.set(e.name, (by.get(e.name) || 0) + e.dur / 1000);
  console.log(`task ${(task.dur / 1000).toFixed(0)} ms:`, [...by].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', '));
  const layouts = inside.filter((e) => e.name === 'Layout').map((e) => e.args?.beginData?.dirtyObjects + '/' + e.args?.beginData?.totalObjects);
  if (layouts.length) console.log('   layouts dirty/total:', layouts.slice(0, 6).join(' '));
  for (const e of inside.filter((x) => (x.name === 'Layout' || x.name === 'UpdateLayoutTree') && x.dur > 10000)) {
    const st = e.args?.beginData?.stackTrace || e.args?.data?.stackTrace;
    console.log(`   ${e.name} ${(e.dur/1000).toFixed(0)} ms`, st ? st.slice(0, 4).map((f) => `${f.functionName}@${f.url.split('/').pop()}:${f.lineNumber}`).join(' < ') : '(no JS: rendering)');
  }
}
await browser.close(); server.close();
