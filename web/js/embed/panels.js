// Which panels a page shows (`panels=`, web/js/state.js's PANELS) and which settings it shows read-only
// (`lock=`). Both work on the page's own markup after the controllers are built: a panel left out is
// hidden, not removed, so every controller keeps its elements and the page computes as it always does
// (a hidden Gradients lab is never on screen, so it trains nothing).
import { PANELS } from '../state.js';

/** The Gradients lab's views by their `panels=` name (web/js/lab/lab-panel.js's tab ids). */
const LAB_VIEWS = Object.freeze(['flow', 'linear', 'paths', 'trunc', 'clip', 'gates', 'batches']);

/**
 * Shows only the named panels (all when `names` is empty). Marks the document with data-panels so that
 * the stylesheet and the tests see the choice.
 * @param {Document} doc
 * @param {string[]} names  members of PANELS
 * @param {{select: (kind: string) => void}} [lab]  the lab's LabPanel, to open the first chosen view
 */
export function showPanels(doc, names, lab) {
  const chosen = new Set(names.length ? names : PANELS);
  const labViews = chosen.has('lab') ? LAB_VIEWS : LAB_VIEWS.filter((view) => chosen.has(view));
  const show = (element, on) => {
    if (!element) return;
    element.hidden = !on;
    element.dataset.embedShown = String(on);
  };
  show(doc.querySelector('#corpus-panel'), chosen.has('corpus'));
  show(doc.querySelector('#ngram-panel'), chosen.has('ngram'));
  show(doc.querySelector('#grad-panel'), chosen.has('gradients'));
  const training = doc.querySelector('#train-panel');
  show(training, chosen.has('train') || chosen.has('generate'));
  // The training panel holds two entries, its parts marked data-part="train" and "generate" in index.html.
  // Only hidden, never shown: an element the panel keeps hidden until it has something stays so.
  for (const part of ['train', 'generate']) {
    if (chosen.has(part)) continue;
    for (const element of training?.querySelectorAll(`[data-part="${part}"]`) ?? []) element.hidden = true;
  }
  show(doc.querySelector('#lab-panel'), labViews.length > 0);
  // Hidden, the Memory lab is never on screen, so its race never starts.
  show(doc.querySelector('#memory-panel'), chosen.has('memory'));
  for (const view of LAB_VIEWS) {
    const tab = doc.querySelector(`#lab-tab-${view}`);
    if (tab) tab.hidden = !labViews.includes(view);
  }
  if (lab && labViews.length && !chosen.has('lab')) lab.select(`lab-${labViews[0]}`);
  doc.documentElement.dataset.panels = [...chosen].join(',');
}

/**
 * Shows the named settings read-only: their fields cannot be changed (a select is disabled, an input
 * read-only) and say why.
 * @param {Document} doc
 * @param {string[]} names  setting names
 */
export function lockSettings(doc, names) {
  for (const name of names) {
    for (const field of doc.querySelectorAll(`[data-prop="${name}"]`)) {
      if (field.tagName === 'SELECT' || field.type === 'checkbox') field.disabled = true;
      else field.readOnly = true;
      field.classList.add('locked');
      field.dataset.locked = 'true';
      field.title = `${field.title ? `${field.title}; ` : ''}set by this page (read-only)`;
    }
  }
}
