// The training panel's run buttons: save and load a model (file picker, or a file dropped on the panel),
// resume the run kept in the browser, clear the earlier runs, and export the curve (CSV), the chart (PNG,
// SVG) and, when the engine can, the model for PyTorch. Owns only these controls; what they do is the
// controller's.

/** What a dropped file must look like to be taken as a checkpoint (anything else is left to others). */
const CHECKPOINT_NAME = /\.seqlab$/i;

export class RunActions {
  /**
   * @param {HTMLElement} root  the training panel
   * @param {{onSave: () => void, onLoad: (file: File) => void, onRestore: () => void, onClear: () => void,
   *          onExport: (kind: 'csv'|'png'|'svg'|'pytorch') => void}} actions
   */
  constructor(root, actions) {
    this.root = root;
    this.q = (selector) => root.querySelector(selector);
    this.q('#run-save').addEventListener('click', () => actions.onSave());
    this.q('#run-restore').addEventListener('click', () => actions.onRestore());
    this.q('#run-clear').addEventListener('click', () => actions.onClear());
    const input = this.q('#run-load');
    input.addEventListener('change', () => {
      const [file] = input.files;
      input.value = '';   // the same file can be chosen again
      if (file) actions.onLoad(file);
    });
    for (const kind of ['csv', 'png', 'svg', 'pytorch']) {
      this.q(`#export-${kind}`)?.addEventListener('click', () => actions.onExport(kind));
    }
    // A dropped checkpoint loads; the page's other drop targets (the corpus panel) are outside this panel.
    root.addEventListener('dragover', (event) => {
      if (![...event.dataTransfer.items].some((item) => item.kind === 'file')) return;
      event.preventDefault();
      root.classList.add('drop-target');
    });
    root.addEventListener('dragleave', () => root.classList.remove('drop-target'));
    root.addEventListener('drop', (event) => {
      root.classList.remove('drop-target');
      const file = [...event.dataTransfer.files].find((f) => CHECKPOINT_NAME.test(f.name)) ?? event.dataTransfer.files[0];
      if (!file) return;
      event.preventDefault();
      actions.onLoad(file);
    });
  }

  /**
   * @param {{save: boolean, restore: string|null, clear: boolean, csv: boolean}} can
   *   restore: the stored run's description (the button's title), or null when none can be resumed
   */
  enable(can) {
    this.q('#run-save').disabled = !can.save;
    this.q('#run-clear').disabled = !can.clear;
    this.q('#export-csv').disabled = !can.csv;
    const restore = this.q('#run-restore');
    restore.hidden = !can.restore;
    restore.title = can.restore ?? '';
    const pytorch = this.q('#export-pytorch');
    if (pytorch) pytorch.disabled = !can.save;
  }
}
