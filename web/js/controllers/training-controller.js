// The recurrent network's controller: creates the trainer from the settings, starts and pauses training,
// applies the settings that change while training, shows the worker's progress and generates text. It
// sequences the runs' work (web/js/runs/): the current run is recorded point by point and stored in the
// browser (run-persistence.js), a new trainer moves it to the earlier runs drawn faint under the next; a model
// is saved to a file and loaded back (from a file or from storage) to resume (checkpoint-adoption.js); curves,
// chart, text and the PyTorch model are exported (run-exports.js). It talks to the engine client only; each progress of the
// current trainer also goes out through a hook (the gradients panel shows its diagnostics).
import { LIVE, optionsOf, generateOptions, formatValue } from '../state.js';
import { TrainingPanel } from '../panels/training-panel.js';
import { Controls } from '../panels/controls.js';
import { newRun, recordProgress, lastProgress, hasPoints } from '../runs/run.js';
import { RunStore } from '../runs/run-store.js';
import { RunHistory } from '../runs/run-history.js';
import { RunPersistence } from '../runs/run-persistence.js';
import { exportRun, exportGeneratedText, downloadCheckpoint } from '../runs/run-exports.js';
import { adoptedValues, adoptedRun, loadedNote } from '../runs/checkpoint-adoption.js';

/** The option groups that make a run what it is (the legend compares them; a checkpoint restores two). */
const RUN_GROUPS = ['corpus', 'model', 'train'];

export class TrainingController {
  /**
   * @param {HTMLElement} root  the training panel
   * @param {import('../engine-client.js').EngineClient} engine
   * @param {import('../settings.js').Settings} settings
   * @param {{onProgress: (progress: import('../protocol.js').TrainProgress) => void}} hooks
   * @param {RunStore} [store]  where runs are kept across reloads
   */
  constructor(root, engine, settings, hooks, store = new RunStore()) {
    this.engine = engine;
    this.settings = settings;
    this.hooks = hooks;
    /** A trainer exists in the worker for the current settings, and can train. */
    this.ready = false;
    /** A trainer exists in the worker (a loaded one may only generate). */
    this.hasTrainer = false;
    this.running = false;
    /** The worker's id of the current trainer: events of a replaced one are dropped. */
    this.trainerId = 0;
    /** The first trained step of the page's life is timed once (from navigation start). */
    this.firstStepShown = false;
    /** Set while a loaded checkpoint's options are written into the settings (they must not rebuild). */
    this.adopting = false;
    /** The corpus in the worker: {name, hash, vocabSize} (the hash from the engine, when it gives one). */
    this.corpus = { name: '', hash: null, vocabSize: null };
    this.references = { ngram: [], uniform: null };
    this.generation = null;
    const names = settings.props.list.filter((p) => RUN_GROUPS.includes(p.group)).map((p) => p.name);
    this.runNames = ['corpus', ...names];
    this.history = new RunHistory(store, this.runNames);
    this.store = store;
    const trainer = () => ({ id: this.trainerId, exists: this.hasTrainer });
    this.runs = new RunPersistence(engine, store, this.history, trainer);
    this.panel = new TrainingPanel(root, {
      onStart: () => this.start(),
      onPause: () => this.pause(),
      onReset: () => this.recreate(),
      onGenerate: () => this.generate(),
      onSaveText: () => this.exportText(),
      onSave: () => this.saveModel(),
      onLoad: (file) => this.loadFile(file),
      onRestore: () => this.restoreStored(),
      onClear: () => this.clearRuns(),
      onExport: (kind) => this.exportRun(kind),
    });
    this.controls = new Controls(root, settings);
    engine.on('train-progress', (progress) => this.progress(progress));
    engine.on('train-stopped', (stopped) => this.stopped(stopped));
    this.history.restore().then(() => {
      this.showRuns();
      if (store.problem) this.panel.showNote(`Runs are not kept across reloads: ${store.problem}.`);
    });
    // A hidden page may be one being left (a reload, a closed tab: then it never runs again): the run is
    // written at once as it stands, then with a fresh checkpoint if the page lives on. pagehide too, for the
    // browsers that leave a page without a visibilitychange.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState !== 'hidden') return;
      this.runs.persistNow();
      this.persist();
    });
    window.addEventListener('pagehide', () => this.runs.persistNow());
  }

  showError(error) {
    this.panel.showError(error.message);
    // A memory refusal names the settings to lower: marked beside each (controls.js).
    if (error.settings) this.controls.showRefusal(error.settings);
  }

  /** The run's settings as the URL writes them, with the corpus's name. */
  snapshot() {
    const { props, state } = this.settings;
    const values = { corpus: this.corpus.name };
    for (const name of this.runNames.slice(1)) values[name] = formatValue(props.byName.get(name), state[name]);
    return values;
  }

  /**
   * The corpus now in the worker (Session.loadCorpus's summary with its name): runs are named after it and
   * the uniform level is its vocabulary size.
   * @param {import('../protocol.js').CorpusSummary & {hash?: string}} summary
   */
  setCorpus(summary) {
    this.corpus = { name: summary.name, hash: summary.hash ?? null, vocabSize: summary.vocabSize };
    this.references.uniform = { y: summary.vocabSize, label: `uniform (V = ${summary.vocabSize})` };
    this.showReferences();
  }

  /**
   * A fresh trainer from the settings (Reset); training starts again if it was running or `autostart`.
   * The run so far joins the earlier runs. Failures are shown in the panel, never thrown.
   */
  async recreate({ autostart = false } = {}) {
    const wasRunning = this.running;
    this.ready = false;
    this.running = false;
    this.panel.showError('');
    this.panel.showNote('');
    await this.persist();   // the run that ends here, with the last state of its trainer
    try {
      const { props, state } = this.settings;
      ({ trainerId: this.trainerId } = await this.engine.request('train-create', {
        model: optionsOf(props, state, 'model'), train: optionsOf(props, state, 'train'), epochs: state.epochs }));
      performance.mark('seqlab:trainer-created');
      this.ready = true;
      this.hasTrainer = true;
    } catch (error) {
      this.showError(error);
      return;
    }
    this.history.begin(newRun({ corpus: this.corpus.name, corpusHash: this.corpus.hash, settings: this.snapshot() }));
    this.panel.reset();
    this.panel.setStartLabel('Start');
    this.showRuns();
    if (wasRunning || autostart) await this.start();
  }

  async start() {
    if (!this.ready) {
      await this.recreate();
      if (!this.ready) return;
    }
    try {
      this.panel.showError('');
      await this.engine.request('train-start');
      this.running = true;
      this.panel.setState('training…', true);
    } catch (error) {
      this.showError(error);
    }
  }

  async pause() {
    this.running = false;
    await this.engine.request('train-pause').catch((error) => this.showError(error));
  }

  async generate() {
    try {
      this.generation = await this.engine.request('train-generate', generateOptions(this.settings.state));
      this.panel.showGeneration(this.generation);
    } catch (error) {
      this.showError(error);
    }
  }

  /**
   * The n-gram lines, as the n-gram controller made them (web/js/ngram-field.js referenceLines: the chosen
   * model's, and the best over every smoothing and order, each label naming its smoothing, order and value).
   * @param {{y: number, text: string, kind: string}[]} lines
   */
  setNgramReferences(lines) {
    this.references.ngram = lines;
    this.showReferences();
  }

  showReferences() {
    this.panel.setReferences([...this.references.ngram, ...(this.references.uniform ? [this.references.uniform] : [])]);
  }

  /** The earlier runs and the legend on the chart; the run buttons that apply. */
  showRuns() {
    const labels = this.history.labels();
    this.panel.showEarlierRuns(this.history.earlier, labels.earlier, labels.current);
    this.enableActions();
  }

  enableActions() {
    const stored = this.history.restorable();
    this.panel.enableRunActions({
      save: this.hasTrainer,
      csv: Boolean(this.history.current && hasPoints(this.history.current)),
      clear: this.history.earlier.length > 0,
      restore: stored ? `resume the run stored ${new Date(stored.updated).toLocaleString()}: ` +
        `${stored.settings.cell} on ${stored.corpus}, epoch ${lastProgress(stored).epoch.toFixed(2)}` : null,
    });
  }

  /** The worker was replaced: its trainer is gone (the page sends its state again). */
  forget() {
    this.ready = false;
    this.hasTrainer = false;
    this.running = false;
  }

  /** @param {import('../protocol.js').TrainProgress} progress */
  progress(progress) {
    if (progress.trainerId !== this.trainerId) return;
    if (!this.firstStepShown) {
      this.firstStepShown = true;
      performance.mark('seqlab:first-step');
      this.panel.firstStep(performance.now());   // performance.now() counts from navigation start
    }
    const run = this.history.current;
    const first = !hasPoints(run);
    recordProgress(run, progress.report, progress.validated ? progress.valPerplexity : null);
    this.panel.progress(progress);
    this.hooks.onProgress(progress);
    if (first) this.enableActions();
    if (this.runs.due()) this.persist();
  }

  /** @param {import('../protocol.js').TrainStopped} stopped */
  stopped(stopped) {
    if (stopped.trainerId !== this.trainerId) return;
    this.running = false;
    this.panel.stopped(stopped);
    if (stopped.reason === 'paused' && hasPoints(this.history.current)) this.panel.setStartLabel('Resume');
    this.persist();
  }

  /** Stores the current run with the trainer's checkpoint (run-persistence.js) and says if storage failed. */
  async persist() {
    if (await this.runs.persist()) this.stored();
  }

  /** After a run was stored: the storage's problem, if any, and the actions (restore) that storing enables. */
  stored() {
    if (this.store.problem) this.panel.showNote(`Runs are not kept across reloads: ${this.store.problem}.`);
    this.enableActions();
  }

  /** A new trainer for model and training settings; the live ones are sent to the running trainer. */
  settingsChanged(changed) {
    if (this.adopting) return;
    const { props, state } = this.settings;
    const rebuilds = (name) => ['model', 'train'].includes(props.byName.get(name).group) && !LIVE.includes(name);
    if (changed.some(rebuilds)) {
      this.recreate();   // reads every setting, the live ones too
    } else if (changed.some((name) => LIVE.includes(name)) && this.ready) {
      const update = Object.fromEntries(LIVE.map((name) => [props.byName.get(name).key ?? name, state[name]]));
      this.engine.request('train-set-options', update).catch((error) => this.showError(error));
      if (this.history.current) Object.assign(this.history.current.settings, this.snapshot());
      this.showRuns();
    }
  }

  // ---- save, load, resume ------------------------------------------------------------------------------

  /** Downloads the trainer's checkpoint under a name that says what it is, and stores the run. */
  async saveModel() {
    try {
      const { bytes } = await this.engine.request('train-save');
      const run = this.history.current;
      this.panel.showNote(downloadCheckpoint(bytes, run));
      if (hasPoints(run)) {
        await this.runs.keep(run, bytes);
        this.enableActions();
      }
    } catch (error) {
      this.showError(error);
    }
  }

  /** @param {File} file */
  async loadFile(file) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    await this.loadCheckpoint(bytes, { name: file.name });
  }

  /** Resumes the newest stored run that has a checkpoint. */
  async restoreStored() {
    const stored = this.history.restorable();
    if (stored) await this.loadCheckpoint(stored.checkpoint, { name: 'the stored run', stored });
  }

  /**
   * Replaces the trainer by a checkpoint's. The engine refuses one of another corpus (its message is shown
   * and the trainer stays); otherwise the settings show the model's, its curve is drawn as the current run
   * and Resume continues it.
   * @param {Uint8Array} bytes
   * @param {{name: string, stored?: import('../runs/run.js').Run}} from
   */
  async loadCheckpoint(bytes, { name, stored = null }) {
    this.panel.showError('');
    this.panel.showNote('');
    if (this.running) await this.pause();
    await this.persist();   // the run that is current, before it joins the earlier ones
    let loaded;
    try {
      loaded = await this.engine.request('train-load', { bytes, epochs: this.settings.state.epochs });
    } catch (error) {
      this.panel.showError(`${name} was not loaded: ${error.message}`);
      return;
    }
    this.trainerId = loaded.trainerId;
    this.ready = loaded.resumable;
    this.hasTrainer = true;
    this.running = false;
    const skipped = this.adoptOptions(loaded.options);
    const run = adoptedRun({ loaded, stored, corpus: this.corpus, settings: this.snapshot(), bytes });
    this.history.begin(run);
    this.panel.reset();
    this.showRuns();
    this.panel.showCurve(run);
    this.panel.showNote(loadedNote({ loaded, name, run, skipped }));
    this.panel.setStartLabel(loaded.resumable ? 'Resume' : 'Start');
    this.panel.setState(loaded.resumable ? 'loaded' : 'loaded (generation only)', false);
    await this.runs.keep(run);
    this.enableActions();
  }

  /**
   * Writes a loaded model's model and train options into the settings (without rebuilding the trainer).
   * @returns {string[]} the settings the page cannot represent (outside its ranges)
   */
  adoptOptions(options = {}) {
    const { values, skipped } = adoptedValues(this.settings.props, options);
    this.adopting = true;
    try {
      this.settings.update(values);
    } finally {
      this.adopting = false;
    }
    return skipped;
  }

  /** Forgets the earlier runs (the chart and the browser's storage). */
  async clearRuns() {
    await this.history.clear();
    this.showRuns();
  }

  // ---- exports -------------------------------------------------------------------------------------------

  /** @param {'csv'|'png'|'svg'|'pytorch'} kind */
  async exportRun(kind) {
    const run = this.history.current;
    if (!run) return;
    try {
      const note = await exportRun(kind, { run, engine: this.engine, chartSvg: () => this.panel.chartSvg() });
      if (note) this.panel.showNote(note);
    } catch (error) {
      this.showError(error);
    }
  }

  /** The generated text as a .txt file. */
  exportText() {
    if (this.generation && this.history.current) exportGeneratedText(this.generation, this.history.current);
  }
}
