// The page's shell: one engine client (the worker), the settings (URL state) and a controller per panel,
// wired together. The controllers talk to the engine client; each panel widget owns its own DOM; the shell
// owns the header (engine badge, error banner) and says which controller a settings change goes to. All
// state lives in those objects: this module holds constants only.
import { boot } from './engine-boot.js';
import { EngineClient } from './engine-client.js';
import { Settings } from './settings.js';
import { EngineStatus } from './panels/engine-status.js';
import { CorpusController } from './controllers/corpus-controller.js';
import { NgramController } from './controllers/ngram-controller.js';
import { TrainingController } from './controllers/training-controller.js';
import { GradientsController } from './controllers/gradients-controller.js';

/** The text the page opens with. */
const DEFAULT_SOURCE = Object.freeze({ source: 'url', url: new URL('../assets/timemachine.txt', import.meta.url).href,
  name: 'The Time Machine' });

/** Starts the page in `doc`. */
function startApp(doc) {
  const $ = (selector) => doc.querySelector(selector);
  const settings = new Settings();
  const engine = new EngineClient(undefined, boot);
  const status = new EngineStatus($('#engine-status'));
  const banner = $('#error-banner');
  const showBanner = (message) => {
    banner.textContent = message;
    banner.hidden = !message;
  };

  const gradients = new GradientsController($('#grad-panel'));
  const training = new TrainingController($('#train-panel'), engine, settings, {
    onProgress: (progress) => gradients.show(progress.diagnostics),
  });
  const ngram = new NgramController($('#ngram-panel'), engine, settings, {
    onReference: (label, perplexity) => training.setReference(label, perplexity),
  });
  const corpus = new CorpusController($('#corpus-panel'), engine, settings, DEFAULT_SOURCE, {
    // The network first (its first trained step should come quickly), then the statistics and n-grams.
    loaded: ({ quiet }) => training.recreate({ autostart: settings.state.autostart && !quiet }),
    statsShown: () => ngram.refresh({ orders: true }),
  });

  settings.onChange((changed) => {
    if (corpus.settingsChanged(changed)) return;   // a new corpus rebuilds everything that stands on it
    training.settingsChanged(changed);
    ngram.settingsChanged(changed);
  });

  /** Asks for the engine's version and loads `source`, both at once: the worker answers in order. */
  async function engineStart(source) {
    const info = engine.request('engine-info').then((result) => {
      performance.mark('seqlab:engine-ready');
      status.show(result);
      return true;
    }, (error) => {
      status.fail(error.message);
      return false;
    });
    const loaded = corpus.load(source);
    if (await info) await loaded;
  }

  // After a worker error the client starts a new worker; the page sends its state again.
  engine.on('restarted', ({ reason }) => {
    showBanner(`The engine worker failed (${reason}) and was restarted; your settings were sent again.`);
    training.forget();
    engineStart(corpus.source);
  });

  if (settings.urlErrors.length) showBanner(`Some URL settings were ignored: ${settings.urlErrors.join('; ')}.`);
  engineStart(DEFAULT_SOURCE);
}

startApp(document);
