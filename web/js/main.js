// The page's shell: one engine client (the worker), the settings (URL state) and a controller per panel,
// wired together. The controllers talk to the engine client; each panel widget owns its own DOM; the shell
// owns the header (engine badge, error banner) and says which controller a settings change goes to. All
// state lives in those objects: this module holds constants only. The same shell runs embed.html (which
// first copies this page's panels into itself): `panels=` and `lock=` choose what shows and what is
// read-only, and a D2L preset adds the book's figure beside the training chart.
import { warmUpFirstUses } from './first-use-warmup.js';
import { EngineClient } from './engine-client.js';
import { Settings } from './settings.js';
import { createProps, readView, writeQuery } from './state.js';
import { presetById } from './presets.js';
import { EngineStatus } from './panels/engine-status.js';
import ENGINE_SCHEMA from './engine-schema.json' with { type: 'json' };
import { CorpusController } from './controllers/corpus-controller.js';
import { NgramController } from './controllers/ngram-controller.js';
import { TrainingController } from './controllers/training-controller.js';
import { GradientsController } from './controllers/gradients-controller.js';
import { LabController } from './controllers/lab-controller.js';
import { MemoryController } from './controllers/memory-controller.js';
import { showPanels, lockSettings } from './embed/panels.js';
import { BookNote } from './embed/book-note.js';
import { listPresets } from './embed/preset-list.js';

/** The text the page opens with, downloaded beside the engine (js/engine-boot.js). */
const DEFAULT_SOURCE = Object.freeze({ source: 'url', ...globalThis.seqlabBoot.firstText });

/** Lets the browser run what waits (input, rendering) before the page goes on building itself. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The panels that show the network's training (`panels=`, web/js/state.js). */
const NETWORK_PANELS = Object.freeze(['train', 'generate', 'gradients']);

/**
 * Starts the page in `doc`. The settings take their types, ranges and defaults from the engine's schema,
 * which the page carries (web/js/engine-schema.json, scripts/generate-dts.mjs writes it from the engine's), so
 * the page is built and its first requests are sent while the module still downloads and compiles: the
 * worker answers them as soon as it is ready.
 */
async function startApp(doc) {
  const $ = (selector) => doc.querySelector(selector);
  // Started by js/engine-boot.js, a classic script at the top of the page's <head>.
  const engine = new EngineClient(undefined, globalThis.seqlabBoot);
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

  // The badge, when the engine is ready; a failure is also said by the requests below.
  engineInfo();
  // The fonts the first charts need are resolved now, a sample per task, and number formatting is loaded,
  // not at the first step.
  warmUpFirstUses(doc);
  const settings = new Settings(createProps(ENGINE_SCHEMA));
  const view = readView(settings.props, doc.defaultView.location.search);
  const preset = presetById(settings.state.preset);
  // The compact page (embed.html) shows a preset's own panels unless `panels=` names others; the full
  // page shows every panel unless `panels=` names some.
  const compact = doc.documentElement.classList.contains('embed');
  const panels = view.panels.length || !compact || !preset ? view.panels : preset.panels;
  // A page that shows nothing of the network (panels=ngram) does not train one in the background.
  const showsNetwork = !panels.length || panels.some((name) => NETWORK_PANELS.includes(name));
  const ignored = [...settings.urlErrors, ...view.errors];
  if (ignored.length) showBanner(`Some URL settings were ignored: ${ignored.join('; ')}.`);
  performance.mark('seqlab:settings-ready');

  // The first text is asked for before the other panels are built: on a return visit the engine is ready
  // before the page is, and the worker tokenizes while the page builds. What the corpus's answer leads to
  // (a trainer, the n-grams) waits for the panels that show it.
  let panelsBuilt;
  const built = new Promise((resolve) => { panelsBuilt = resolve; });
  const corpus = new CorpusController($('#corpus-panel'), engine, settings, DEFAULT_SOURCE, {
    // The network first (its first trained step should come quickly), then the statistics and n-grams.
    loaded: async ({ quiet, summary }) => {
      await built;
      training.setCorpus(summary);
      return training.recreate({ autostart: settings.state.autostart && showsNetwork && !quiet });
    },
    statsShown: async () => {
      await built;
      return ngram.refresh({ orders: true, corpus: true });
    },
  });
  const loaded = corpus.load(DEFAULT_SOURCE);

  // The page is built in tasks of a few tens of ms: the module's streaming compilation needs the main thread
  // at its end (and the fonts' first layout before it), so a long task here would delay the engine.
  await nextTask();
  const gradients = new GradientsController($('#grad-panel'));
  const bookNote = preset && $('#train-chart') ? new BookNote($('#train-chart'), preset) : undefined;
  const training = new TrainingController($('#train-panel'), engine, settings, {
    onProgress: (progress) => {
      gradients.show(progress.diagnostics);
      bookNote?.progress(progress);
    },
  });
  await nextTask();
  const ngram = new NgramController($('#ngram-panel'), engine, settings, {
    onReference: (lines) => training.setNgramReferences(lines),
  });

  settings.onChange((changed) => {
    if (corpus.settingsChanged(changed)) return;   // a new corpus rebuilds everything that stands on it
    training.settingsChanged(changed);
    ngram.settingsChanged(changed);
  });

  // After a worker error the client starts a new worker; the page sends its state again.
  engine.on('restarted', async ({ reason, request, final }) => {
    // The client restarts a worker at most once per request (engine-client.js): say which one, and whether
    // it is sent again.
    const blamed = !request ? '' : final ? `; the request that stopped it (${request}) is not sent again with the ` +
      'same settings' : `; the request it stopped on (${request}) is tried once more`;
    showBanner(`The engine worker failed (${reason}) and was restarted${blamed}; your settings were sent again.`);
    training.forget();
    // Both requests at once: the worker answers them in order, as soon as the module is compiled.
    const restarted = engineInfo();
    const reloaded = corpus.load(corpus.source);
    if (await restarted) await reloaded;
  });
  panelsBuilt();

  // The two labs' views (below the fold) take 50 to 100 ms each on a slow machine: a task each.
  await nextTask();
  // The lab lives by its listeners (worker events, the observer); the shell only picks its views.
  const lab = new LabController($('#lab-panel'), engine);
  await nextTask();
  // The Memory lab races models of its own on a task corpus, in a Session of its own in the worker.
  new MemoryController($('#memory-panel'), engine);

  showPanels(doc, panels, lab.panel);
  lockSettings(doc, view.lock);
  showLinks(doc, settings);
  await loaded;
}

/**
 * The page's links that carry its state: the presets list (index.html) and "open in seqlab" (embed.html),
 * which opens the full page with the settings of this one, kept up to date as they change.
 */
function showLinks(doc, settings) {
  const page = new URL('index.html', doc.baseURI);
  const presets = doc.querySelector('#preset-list');
  if (presets) listPresets(presets, settings.state.preset, (id) => `?preset=${id}`);
  const open = doc.querySelector('#open-in-seqlab');
  if (!open) return;
  const update = () => { open.href = `${page.href}${writeQuery(settings.props, settings.state)}`; };
  update();
  settings.onChange(update);
}

startApp(document);
