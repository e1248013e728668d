// Measures what the Gradients lab's flow view shows on The Time Machine (the page's default corpus):
// the three lab trainers (web/js/worker/lab-handlers.js LAB_DEFAULTS) trained for SECONDS of wall time
// each, then ||dl_T/dh_t|| of the last step's loss on the probe's validation minibatch at T - t = 0 and
// T - t = T - 1, and their ratio. Prints JSON. Usage: node scripts/lab-measure.mjs [seconds] (default 60)
// Needs the wasm build (web/engine/).
import { readFileSync } from 'node:fs';
import { createSeqlab } from '../web/engine/seqlab.mjs';
import { LAB_DEFAULTS } from '../web/js/worker/lab-handlers.js';

const seconds = Number(process.argv[2] || 60);
const seqlab = await createSeqlab();
const session = new seqlab.Session();
session.loadCorpus(readFileSync(new URL('../web/assets/timemachine.txt', import.meta.url), 'utf8'), {});
const out = { seconds, defaults: LAB_DEFAULTS, cells: {} };
for (const cell of ['rnn', 'gru', 'lstm']) {
  const name = `lab:${cell}`;
  session.createTrainer(name, { ...LAB_DEFAULTS.model, cell }, LAB_DEFAULTS.train);
  const snapshot = (label, report) => {
    const norms = session.probe(name, { lossSteps: 'last', pathSplit: false }).hiddenGradNorms[0];
    const T = norms.length;
    return { at: label, steps: report?.totalSteps ?? 0, trainPerplexity: report?.perplexity ?? null,
      valPerplexity: session.evaluate(name).perplexity, distance0: norms[T - 1], [`distance${T - 1}`]: norms[0],
      ratio: norms[0] / norms[T - 1] };
  };
  const rows = [snapshot('0 s')];
  const start = Date.now();
  let report;
  let next = 20;
  while ((Date.now() - start) / 1000 < seconds) {
    report = session.run(name, 10);
    if ((Date.now() - start) / 1000 >= next) {
      rows.push(snapshot(`${next} s`, report));
      next += 20;
    }
  }
  rows.push(snapshot(`${seconds} s`, report));
  out.cells[cell] = rows;
}
console.log(JSON.stringify(out, null, 1));
session.delete();
