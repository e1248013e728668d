// The book's figure beside the training chart: with a D2L preset (web/js/presets.js), a small note under the
// chart says what the book reports for that section, how this page's run differs, and what this run has
// reached so far, so a student compares the live curve with the book without leaving the page.

/** @param {number} x */
const fixed = (x, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : '—');

export class BookNote {
  /**
   * @param {HTMLElement} after  the element the note follows (the training chart)
   * @param {import('../presets.js').Preset} preset
   */
  constructor(after, preset) {
    const doc = after.ownerDocument;
    const make = (tag, className, text) => {
      const element = doc.createElement(tag);
      if (className) element.className = className;
      if (text !== undefined) element.textContent = text;
      return element;
    };
    this.root = make('aside', 'book-note');
    this.root.id = 'book-note';
    this.root.dataset.preset = preset.id;
    const title = make('p', 'book-title');
    const link = make('a', '', `${preset.section}: ${preset.title}`);
    link.href = preset.url;
    link.target = '_blank';
    link.rel = 'noopener';
    title.append(make('strong', '', 'The book '), link);
    const reports = make('p', 'book-reports', preset.book.reports);
    this.figure = make('p', 'book-figure');
    this.book = make('span', 'book-ppl',
      Number.isFinite(preset.book.perplexity) ? `book: ${fixed(preset.book.perplexity, 1)}` : 'book: no number');
    this.run = make('span', 'run-ppl', 'this run: —');
    this.figure.append(make('span', 'muted', 'training perplexity '), this.book, ' · ', this.run);
    const demo = make('details', 'book-demo');
    demo.append(make('summary', '', 'how this demo differs'), make('p', '', preset.demo));
    this.root.append(title, reports, this.figure, demo);
    after.after(this.root);
  }

  /** @param {import('../protocol.js').TrainProgress} progress */
  progress({ report }) {
    this.run.textContent = `this run: ${fixed(report.perplexity)} at epoch ${fixed(report.epoch)}`;
    this.run.dataset.perplexity = String(report.perplexity);
  }

  /** A new trainer: this run starts again. */
  reset() {
    this.run.textContent = 'this run: —';
    delete this.run.dataset.perplexity;
  }
}
