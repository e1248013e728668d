// The recurrent network's controller: creates the trainer from the settings, starts and pauses training,
// applies the settings that change while training, shows the worker's progress and generates text. It
// talks to the engine client only; each progress of the current trainer also goes out through a hook (the
// gradients panel shows its diagnostics).
import { LIVE, optionsOf, generateOptions } from '../state.js';
import { TrainingPanel } from '../panels/training-panel.js';
import { Controls } from '../panels/controls.js';

export class TrainingController {
  /**
   * @param {HTMLElement} root  the training panel
   * @param {import('../engine-client.js').EngineClient} engine
   * @param {import('../settings.js').Settings} settings
   * @param {{onProgress: (progress: import('../protocol.js').TrainProgress) => void}} hooks
   */
  constructor(root, engine, settings, hooks) {
    this.engine = engine;
    this.settings = settings;
    this.hooks = hooks;
    /** A trainer exists in the worker for the current settings. */
    this.ready = false;
    this.running = false;
    /** The worker's id of the current trainer: events of a replaced one are dropped. */
    this.trainerId = 0;
    /** The first trained step of the page's life is timed once (from navigation start). */
    this.firstStepShown = false;
    this.panel = new TrainingPanel(root, {
      onStart: () => this.start(),
      onPause: () => this.pause(),
      onReset: () => this.recreate(),
      onGenerate: () => this.generate(),
    });
    this.controls = new Controls(root, settings);
    engine.on('train-progress', (progress) => this.progress(progress));
    engine.on('train-stopped', (stopped) => this.stopped(stopped));
  }

  showError(error) {
    this.panel.showError(error.message);
    // A memory refusal names the settings to lower: marked beside each (controls.js).
    if (error.settings) this.controls.showRefusal(error.settings);
  }

  /**
   * A fresh trainer from the settings (Reset); training starts again if it was running or `autostart`.
   * Failures are shown in the panel, never thrown.
   */
  async recreate({ autostart = false } = {}) {
    const wasRunning = this.running;
    this.ready = false;
    this.running = false;
    this.panel.reset();
    this.panel.showError('');
    try {
      const { props, state } = this.settings;
      ({ trainerId: this.trainerId } = await this.engine.request('train-create', {
        model: optionsOf(props, state, 'model'), train: optionsOf(props, state, 'train'), epochs: state.epochs }));
      performance.mark('seqlab:trainer-created');
      this.ready = true;
    } catch (error) {
      this.showError(error);
      return;
    }
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
      this.panel.showGeneration(await this.engine.request('train-generate', generateOptions(this.settings.state)));
    } catch (error) {
      this.showError(error);
    }
  }

  /** The n-gram's validation perplexity as the chart's reference line. */
  setReference(label, perplexity) { this.panel.setReference(label, perplexity); }

  /** The worker was replaced: its trainer is gone (the page sends its state again). */
  forget() {
    this.ready = false;
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
    this.panel.progress(progress);
    this.hooks.onProgress(progress);
  }

  /** @param {import('../protocol.js').TrainStopped} stopped */
  stopped(stopped) {
    if (stopped.trainerId !== this.trainerId) return;
    this.running = false;
    this.panel.stopped(stopped);
  }

  /** A new trainer for model and training settings; the live ones are sent to the running trainer. */
  settingsChanged(changed) {
    const { props, state } = this.settings;
    const rebuilds = (name) => ['model', 'train'].includes(props.byName.get(name).group) && !LIVE.includes(name);
    if (changed.some(rebuilds)) {
      this.recreate();   // reads every setting, the live ones too
    } else if (changed.some((name) => LIVE.includes(name)) && this.ready) {
      const update = Object.fromEntries(LIVE.map((name) => [props.byName.get(name).key ?? name, state[name]]));
      this.engine.request('train-set-options', update).catch((error) => this.showError(error));
    }
  }
}
