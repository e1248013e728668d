// Small DOM helpers of the lab views (HTML elements; SVG ones come from ../charts/svg.js).

/** Creates an HTML element: el('p', {class: 'note'}, 'text', child, ...). Attributes with null are skipped. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(key, value === true ? '' : String(value));
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

/** A view's frame: figure area (charts, controls) beside a plain-words note. Returns both parts. */
export function viewFrame(container, title, noteParagraphs) {
  const figure = el('div', { class: 'lab-figure' });
  const note = foldedNote(el('div', { class: 'lab-note' }), el('h4', {}, 'What to look for'),
    ...noteParagraphs.map((p) => (typeof p === 'string' ? el('p', {}, p) : p)));
  container.replaceChildren(el('div', { class: 'lab-view' }, el('h3', {}, title), figure, note));
  return { figure, note };
}

/**
 * Fills `note` with its heading and paragraphs, short by default: the first paragraph shows, the others
 * fold under a "more" disclosure (a screen reader reaches them by the same control). Returns `note`.
 */
export function foldedNote(note, heading, first, ...rest) {
  note.append(heading, first);
  if (rest.length) note.append(el('details', { class: 'more' }, el('summary', {}, 'more'), ...rest));
  return note;
}

/** A paragraph built from strings and nodes (for notes with sub/superscripts). */
export function para(...parts) { return el('p', {}, ...parts); }
export const sub = (text) => el('sub', {}, text);
export const sup = (text) => el('sup', {}, text);

/** A number for reading: 3 significant digits (one definition, shared with the charts' tables). */
export { formatValue } from '../charts/chart-text.js';
