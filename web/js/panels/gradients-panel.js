// The gradients panel: ||dL/dh_t|| against t per layer (log y) from the trainer's last report, and the
// mean gate activations as bars.
import { LineChart } from '../charts/line-chart.js';
import { BarChart } from '../charts/bar-chart.js';
import { SERIES_LOOKS } from '../charts/svg.js';
import { decadesSummary, gateMeansSummary } from '../charts/summaries.js';

export class GradientsPanel {
  constructor(root) {
    this.root = root;
    this.norms = new LineChart(root.querySelector('#grad-chart'), { width: 340, height: 200, logY: true, markers: true,
      xLabel: 'time step t', yLabel: '‖∂L/∂hₜ‖', label: 'hidden-state gradient norm against time step',
      describe: decadesSummary });
    this.gates = new BarChart(root.querySelector('#gate-chart'), { width: 340, height: 120, yLabel: 'mean gate',
      label: 'mean gate activations', format: (v) => v.toFixed(2), describe: gateMeansSummary,
      labelHeader: 'gate', valueHeader: 'mean activation',
      emptyText: 'no gates (plain RNN)' });
  }

  /** @param {import('../protocol.js').Diagnostics} diagnostics  of the last minibatch */
  show(diagnostics) {
    const norms = diagnostics?.hiddenGradNorms;
    if (Array.isArray(norms)) {
      this.norms.clear();
      norms.forEach((perT, layer) => {
        this.norms.setSeries(`layer ${layer + 1}`, perT.map((v, t) => [t + 1, v]), SERIES_LOOKS[layer % SERIES_LOOKS.length]);
      });
      this.root.dataset.layers = String(norms.length);
    }
    const gates = diagnostics?.gateMeans;
    if (gates) this.gates.set(Object.entries(gates).map(([name, value]) => ({ label: name, value })));
  }
}
