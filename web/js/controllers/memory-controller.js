// The Memory lab's controller: mounts the race's views (web/js/memory/memory-panel.js) in
// <section id="memory-panel">, tells the worker when the section is on screen (the race trains only then,
// so it never slows the page's own training while the student is elsewhere: an IntersectionObserver and the
// page's visibility, as the Gradients lab does), starts the first race the first time it shows, starts a new
// one when a setting changes, and routes the worker's 'memory-update' events to the views.
import { watchOnScreen } from './on-screen.js';
import { MemoryPanel } from '../memory/memory-panel.js';

export class MemoryController {
  /**
   * @param {HTMLElement} section  the empty <section id="memory-panel">
   * @param {import('../engine-client.js').EngineClient} engine
   */
  constructor(section, engine) {
    this.section = section;
    this.engine = engine;
    this.onScreen = false;
    this.sentVisible = null;
    /** The settings of the race the worker runs (null before the first one). */
    this.race = null;
    /** The student's Pause: the race trains (and its charts move) only when this is false. */
    this.paused = false;
    this.panel = new MemoryPanel(section, {
      onStart: (settings) => this.start(settings),
      onPause: (paused) => { this.paused = paused; this.sync(); },
    });
    engine.on('memory-update', (message) => this.panel.update(message));
    // A new worker knows nothing of the race: say again whether the lab is visible, and start it again.
    engine.on('restarted', () => {
      this.sentVisible = null;
      const settings = this.race;
      this.race = null;
      if (settings) this.start(settings);
      this.sync();
    });
    watchOnScreen(section, (shown) => {
      this.onScreen = shown;
      this.sync();
    });
  }

  /**
   * The race trains only while the section is on screen, the page visible and the race not paused; it starts
   * the first time it may train.
   */
  sync() {
    const visible = this.onScreen && !this.section.hidden && !this.paused;
    if (visible === this.sentVisible) return;
    this.sentVisible = visible;
    this.section.dataset.memoryVisible = String(visible);
    this.request('memory-visible', { visible });
    if (visible && !this.race) this.start(this.panel.settings);
  }

  /** A new race with these settings; no models chosen: the race ends and the panel says so. */
  start(settings) {
    this.race = settings;
    if (!settings.contestants.length) {
      this.panel.stopped('choose at least one model to race');
      return this.request('memory-stop', {});
    }
    this.panel.starting(settings);
    return this.request('memory-start', settings).then((first) => first && this.panel.update(first));
  }

  /** A request whose failure is shown in the panel (never thrown). */
  request(type, payload) {
    return this.engine.request(type, payload).catch((error) => {
      this.panel.showError(error.message);
      return undefined;
    });
  }
}
