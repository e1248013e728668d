// The gradients panel's controller: shows the diagnostics of the current trainer's last minibatch (the
// training controller hands them over with each progress; the worker computes them).
import { GradientsPanel } from '../panels/gradients-panel.js';

export class GradientsController {
  /** @param {HTMLElement} root  the gradients panel */
  constructor(root) {
    this.panel = new GradientsPanel(root);
  }

  /** @param {import('../protocol.js').Diagnostics} diagnostics */
  show(diagnostics) { this.panel.show(diagnostics); }
}
