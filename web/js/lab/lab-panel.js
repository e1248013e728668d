// The Gradients lab: lays out the seven views in tabs inside <section id="lab-panel"> and routes the
// worker's lab messages to them. The student's controls (the rho slider, the clipping toggle, the start of
// the truncation comparison) call the callbacks the page passes in; the panel itself talks to no worker.
//
//   const lab = new LabPanel(document.querySelector('#lab-panel'), { onRho, onClipToggle, onTruncStart });
//   lab.update('lab-flow', data);   // kinds: see KINDS; data shapes: README.md and each view's header
import { el } from './dom.js';
import { FlowView } from './flow-view.js';
import { LinearView } from './linear-view.js';
import { PathsView } from './paths-view.js';
import { TruncView } from './trunc-view.js';
import { ClipView } from './clip-view.js';
import { GatesView } from './gates-view.js';
import { BatchesView } from './batches-view.js';

const TABS = [
  { kind: 'lab-flow', id: 'flow', title: 'Gradient flow', View: FlowView },
  { kind: 'lab-linear', id: 'linear', title: 'Linear RNN', View: LinearView },
  { kind: 'lab-paths', id: 'paths', title: 'GRU / LSTM paths', View: PathsView },
  { kind: 'lab-trunc', id: 'trunc', title: 'Truncation', View: TruncView },
  { kind: 'lab-clip', id: 'clip', title: 'Clipping', View: ClipView },
  { kind: 'lab-gates', id: 'gates', title: 'Gates', View: GatesView },
  { kind: 'lab-batches', id: 'batches', title: 'Minibatches', View: BatchesView },
];

export const KINDS = TABS.map((t) => t.kind);

export class LabPanel {
  /**
   * @param {HTMLElement} section  the empty <section id="lab-panel">
   * @param {{onRho?: (rho: number) => void, onClipToggle?: (on: boolean) => void,
   *          onTruncStart?: (options: {tau: number, pi: number}) => void,
   *          onTab?: (kind: string) => void}} callbacks  onTab: the view the student opened (to compute only it)
   */
  constructor(section, callbacks = {}) {
    this.section = section;
    this.callbacks = callbacks;
    section.classList.add('lab');
    section.setAttribute('aria-labelledby', 'lab-title');
    const tablist = el('div', { class: 'lab-tabs', role: 'tablist', 'aria-label': 'views of the gradients lab' });
    this.tabs = new Map();
    this.views = new Map();
    const panels = [];
    TABS.forEach((tab, i) => {
      const button = el('button', { type: 'button', role: 'tab', id: `lab-tab-${tab.id}`, 'aria-controls': `lab-view-${tab.id}`,
        'aria-selected': i === 0 ? 'true' : 'false', tabindex: i === 0 ? '0' : '-1', 'data-kind': tab.kind }, tab.title);
      button.addEventListener('click', () => this.select(tab.kind));
      tablist.append(button);
      const panel = el('div', { role: 'tabpanel', id: `lab-view-${tab.id}`, 'aria-labelledby': `lab-tab-${tab.id}`,
        class: 'lab-tabpanel', 'data-kind': tab.kind, hidden: i !== 0 });
      panels.push(panel);
      this.tabs.set(tab.kind, { button, panel });
    });
    tablist.addEventListener('keydown', (e) => this.onTabKey(e));
    section.replaceChildren(el('h2', { id: 'lab-title' }, 'Gradients lab: how the gradient travels back through time'),
      tablist, ...panels);
    // Views are built after their panel is in the document, so that they measure their width.
    TABS.forEach((tab, i) => {
      this.views.set(tab.kind, new tab.View(panels[i], callbacks));
    });
    this.selected = TABS[0].kind;
  }

  /** Routes one worker message to its view. Throws on an unknown kind (naming the allowed ones). */
  update(kind, data) {
    const view = this.views.get(kind);
    if (!view) throw new Error(`lab panel: unknown message '${kind}', expected one of ${KINDS.join(', ')}`);
    view.update(data);
    this.tabs.get(kind).panel.dataset.updated = String((Number(this.tabs.get(kind).panel.dataset.updated) || 0) + 1);
  }

  /** Shows the view of `kind`. */
  select(kind) {
    if (!this.tabs.has(kind)) throw new Error(`lab panel: unknown view '${kind}', expected one of ${KINDS.join(', ')}`);
    for (const [k, { button, panel }] of this.tabs) {
      const on = k === kind;
      button.setAttribute('aria-selected', on ? 'true' : 'false');
      button.tabIndex = on ? 0 : -1;
      panel.hidden = !on;
    }
    this.selected = kind;
    this.callbacks.onTab?.(kind);
  }

  /** Arrow keys, Home and End move between tabs (the WAI-ARIA tabs pattern, automatic activation). */
  onTabKey(e) {
    const index = TABS.findIndex((t) => t.kind === this.selected);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: TABS.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const kind = TABS[(next + TABS.length) % TABS.length].kind;
    this.select(kind);
    this.tabs.get(kind).button.focus();
  }
}
