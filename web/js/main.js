// The page's shell: one engine client (the worker), the settings (URL state) and a controller per panel,
// wired together. The controllers talk to the engine client; each panel widget owns its own DOM; the shell
// owns the header (engine badge, error banner) and says which controller a settings change goes to. All
// state lives in those objects: this module holds constants only.
import { boot } from './engine-boot.js';
import { EngineClient } from './engine-client.js';
import { Settings } from './settings.js';
import { createProps } from './state.js';
import { EngineStatus } from './panels/engine-status.js';
import { CorpusController } from './controllers/corpus-controller.js';
import { NgramController } from './controllers/ngram-controller.js';
import { TrainingController } from './controllers/training-controller.js';
import { GradientsController } from './controllers/gradients-controller.js';
import { LabController } from './controllers/lab-controller.js';

/** The text the page opens with. */
const DEFAULT_SOURCE = Object.freeze({ source: 'url', url: new URL('../assets/timemachine.txt', import.meta.url).href,
  name: 'The Time Machine' });

/**
 * Starts the page in `doc`. The settings take their types, ranges and defaults from the engine's schema,
 * so the URL is read once the worker has sent it (with the engine's version, as soon as the module is
 * compiled).
 */
async function startApp(doc) {
  const $ = (selector) => doc.querySelector(selector);
  const engine = new EngineClient(undefined, boot);
  const status = new EngineStatus($('#engine-status'));
  const banner = $('#error-banner');
  const showBanner = (message) => {
    banner.textContent = message;
    banner.hidden = !message;
  };
  /** The engine's version (the badge); false when the engine cannot start. */
  const engineInfo = () => engine.request('engine-info').then((info) => {
    performance.mark('seqlab:engine-ready');
    status.show(info);
    return info;
  }, (error) => {
    status.fail(error.message);
    return false;
  });

  // The first text downloads while the module compiles; its tokenizing settings come with the schema.
  engine.request('corpus-fetch', DEFAULT_SOURCE).catch(() => {});   // a failure is reported by its load
  const info = await engineInfo();
  if (!info) return;
  const settings = new Settings(createProps(info.schema));
  const gradients = new GradientsController($('#grad-panel'));
  new LabController($('#lab-panel'), engine);   // lives by its listeners (worker events, the observer)
  const training = new TrainingController($('#train-panel'), engine, settings, {
    onProgress: (progress) => gradients.show(progress.diagnostics),
  });
  const ngram = new NgramController($('#ngram-panel'), engine, settings, {
    onReference: (label, perplexity, orders) => training.setReference(label, perplexity, orders),
  });
  const corpus = new CorpusController($('#corpus-panel'), engine, settings, DEFAULT_SOURCE, {
    // The network first (its first trained step should come quickly), then the statistics and n-grams.
    loaded: ({ quiet, summary }) => {
      training.setCorpus(summary);
      return training.recreate({ autostart: settings.state.autostart && !quiet });
    },
    statsShown: () => ngram.refresh({ orders: true }),
  });

  settings.onChange((changed) => {
    if (corpus.settingsChanged(changed)) return;   // a new corpus rebuilds everything that stands on it
    training.settingsChanged(changed);
    ngram.settingsChanged(changed);
  });

  // After a worker error the client starts a new worker; the page sends its state again.
  engine.on('restarted', async ({ reason }) => {
    showBanner(`The engine worker failed (${reason}) and was restarted; your settings were sent again.`);
    training.forget();
    // Both requests at once: the worker answers them in order, as soon as the module is compiled.
    const restarted = engineInfo();
    const loaded = corpus.load(corpus.source);
    if (await restarted) await loaded;
  });

  if (settings.urlErrors.length) showBanner(`Some URL settings were ignored: ${settings.urlErrors.join('; ')}.`);
  performance.mark('seqlab:settings-ready');
  await corpus.load(DEFAULT_SOURCE);
}

startApp(document);
