// The Gradients lab's controller: mounts the lab's views (web/js/lab/lab-panel.js) in <section id="lab-panel">,
// tells the worker when the lab is on screen (its models train and its views update only then: an
// IntersectionObserver and the page's visibility), forwards the student's controls (rho slider, clipping
// toggle, truncation comparison, minibatch k) and routes the worker's 'lab-update' events to the views.
import { watchOnScreen } from './on-screen.js';
import { LabPanel } from '../lab/lab-panel.js';
import { NO_CORPUS } from '../protocol.js';

export class LabController {
  /**
   * @param {HTMLElement} section  the empty <section id="lab-panel">
   * @param {import('../engine-client.js').EngineClient} engine
   */
  constructor(section, engine) {
    this.section = section;
    this.engine = engine;
    this.onScreen = false;
    this.sentVisible = null;
    this.rho = 0.9;
    this.k = 1;
    this.panel = new LabPanel(section, {
      onRho: (rho) => this.linear(rho),
      onClipToggle: (on, lr) => this.request('lab-clip', { on, lr }),
      onTruncStart: ({ tau, pi }) => this.request('lab-trunc', { tau, pi }).then((data) => data && this.panel.update('lab-trunc', data)),
      onBatchK: (k) => this.batches(k),
    });
    this.error = document.createElement('p');
    this.error.className = 'message error';
    this.error.setAttribute('role', 'alert');
    this.error.hidden = true;
    section.append(this.error);
    engine.on('lab-update', ({ kind, data }) => this.receive(kind, data));
    // A new worker knows nothing of the lab: say again whether it is visible.
    engine.on('restarted', () => { this.sentVisible = null; this.sync(); });
    watchOnScreen(section, (shown) => {
      this.onScreen = shown;
      this.sync();
    });
  }

  /** The worker trains the lab's models only while the lab is on screen and the page is visible. */
  sync() {
    const visible = this.onScreen;
    if (visible === this.sentVisible) return;
    const first = this.sentVisible === null && visible;
    this.sentVisible = visible;
    this.section.dataset.labVisible = String(visible);
    this.request('lab-visible', { visible });
    if (visible && (first || !this.shownOnce)) {
      // The views that answer a request, not a stream: drawn once when the lab first shows.
      this.shownOnce = true;
      this.linear(this.rho);
      this.batches(this.k);
    }
  }

  linear(rho) {
    this.rho = rho;
    return this.request('lab-linear', { rho }).then((data) => data && this.panel.update('lab-linear', data));
  }

  batches(k) {
    this.k = k;
    return this.request('lab-batches', { k }).then((layouts) => {
      for (const layout of layouts || []) this.panel.update('lab-batches', layout);
    });
  }

  /**
   * A request whose failure is shown under the lab (never thrown). Before the first text is loaded the
   * engine has no corpus: the request is sent again a little later instead.
   */
  request(type, payload) {
    return this.engine.request(type, payload).then((result) => {
      this.error.hidden = true;
      return result;
    }, (error) => {
      if (error.code === NO_CORPUS) {
        return new Promise((resolve) => setTimeout(resolve, 500)).then(() => this.request(type, payload));
      }
      this.showError(error.message);
      return undefined;
    });
  }

  showError(message) {
    this.error.textContent = `Gradients lab: ${message}`;
    this.error.hidden = !message;
  }

  receive(kind, data) {
    if (kind === 'lab-error') {
      this.showError(data.message);
      this.sentVisible = false;   // the worker stopped the lab; showing it again restarts it
      return;
    }
    this.panel.update(kind, data);
  }
}
