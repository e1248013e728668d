// The list of D2L presets on the page: one link per preset (`?preset=<id>`, which opens the page with that
// section's settings), the current one marked.
import { PRESETS } from '../presets.js';

/**
 * @param {HTMLElement} nav  the empty list's container
 * @param {string} current  the preset in use ('' for none)
 * @param {(id: string) => string} href  the link of a preset
 */
export function listPresets(nav, current, href) {
  const doc = nav.ownerDocument;
  const list = doc.createElement('ul');
  for (const preset of PRESETS) {
    const item = doc.createElement('li');
    const link = doc.createElement('a');
    link.href = href(preset.id);
    link.textContent = `${preset.section} ${preset.title}`;
    link.dataset.preset = preset.id;
    link.title = preset.id;
    if (preset.id === current) link.setAttribute('aria-current', 'page');
    item.append(link);
    list.append(item);
  }
  nav.append(list);
}
