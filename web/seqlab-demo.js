// <seqlab-demo>: one script tag and one element put a configured seqlab demo into any page, on any origin.
//
//   <script type="module" src="https://SEQLAB-HOST/seqlab-demo.js"></script>
//   <seqlab-demo preset="d2l-gru" panels="train,generate"></seqlab-demo>
//
// The element makes an iframe of this site's embed.html and sizes it to the height the frame reports, so
// the demo runs on the seqlab origin (its worker, its WebAssembly, its strict CSP) and the host page needs
// only `script-src` and `frame-src` for that origin (docs/embedding.md). Attributes become embed.html's URL:
// `preset`, `panels`, `lock`, and any setting of web/js/state.js by its name, in any letter case (HTML
// lower-cases attribute names: minfreq is minFreq). The frame validates the values against the engine's
// schema as it does any URL and shows what it ignored; what the element itself can tell is wrong (an
// unknown attribute, preset or panel) is listed inside the element. Nothing is thrown into the host page.
import { SETTINGS, PANELS } from './js/state.js';
import { PRESETS, presetById } from './js/presets.js';

const EMBED_URL = new URL('embed.html', import.meta.url);
const SEQLAB_ORIGIN = EMBED_URL.origin;
/** embed.html's height message (web/js/embed/frame-height.js). */
const HEIGHT_MESSAGE = 'seqlab:height';
/** The panels when neither `panels` nor a preset names any. */
const DEFAULT_PANELS = ['train', 'generate'];
/** The frame's height until it reports its own, and the bounds of what it may ask for. */
const INITIAL_HEIGHT = 360;
const MIN_HEIGHT = 60;
const MAX_HEIGHT = 20000;

/**
 * Attributes every HTML element may carry: they belong to the host page, not to the demo. Not `hidden`: on
 * this element it is the network's hidden size (the element stays shown; hide it with CSS instead).
 */
const GLOBAL_ATTRIBUTES = new Set(['id', 'class', 'style', 'title', 'lang', 'dir', 'slot', 'part',
  'tabindex', 'role', 'nonce']);
/** The element's own attributes (view options and the preset), as embed.html's URL names them. */
const OWN_ATTRIBUTES = ['preset', 'panels', 'lock'];
/** Setting names by their lower-case attribute name. */
const SETTING_BY_ATTRIBUTE = new Map(SETTINGS.filter((s) => s.name !== 'preset')
  .map((s) => [s.name.toLowerCase(), s.name]));
/**
 * Every name the element takes, as embed.html's URL spells them (`minFreq`): for code that sets the element's
 * attributes from named values of its own, such as the anywidget module (web/seqlab-anywidget.js).
 */
export const DEMO_OPTIONS = Object.freeze([...OWN_ATTRIBUTES, ...SETTING_BY_ATTRIBUTE.values()]);

/**
 * The embed URL of a set of attributes, and what is wrong with them.
 * @param {Array<{name: string, value: string}>} attributes
 * @returns {{url: URL, problems: string[], preset: import('./js/presets.js').Preset | undefined}}
 */
export function embedUrl(attributes) {
  const problems = [];
  const params = new URLSearchParams();
  const byName = new Map(attributes.map((a) => [a.name.toLowerCase(), a.value]));
  const preset = byName.has('preset') ? presetById(byName.get('preset').trim()) : undefined;
  if (byName.has('preset') && !preset) {
    problems.push(`preset="${byName.get('preset')}" is not a preset (presets: ${PRESETS.map((p) => p.id).join(', ')})`);
  }
  if (preset) params.set('preset', preset.id);

  const names = (attribute, known, what) => {
    const list = (byName.get(attribute) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const bad = list.filter((name) => !known(name));
    if (bad.length) problems.push(`${attribute}: ${bad.map((b) => `'${b}'`).join(', ')} ${bad.length > 1 ? 'are' : 'is'} not ${what}`);
    return list.filter(known);
  };
  const panels = names('panels', (name) => PANELS.includes(name), `a panel (panels: ${PANELS.join(', ')})`);
  params.set('panels', (panels.length ? panels : preset?.panels ?? DEFAULT_PANELS).join(','));
  const lock = names('lock', (name) => SETTING_BY_ATTRIBUTE.has(name.toLowerCase()), 'a setting')
    .map((name) => SETTING_BY_ATTRIBUTE.get(name.toLowerCase()));
  if (lock.length) params.set('lock', lock.join(','));

  for (const [name, value] of byName) {
    if (OWN_ATTRIBUTES.includes(name) || GLOBAL_ATTRIBUTES.has(name) || name.startsWith('data-')
        || name.startsWith('aria-')) continue;
    const setting = SETTING_BY_ATTRIBUTE.get(name);
    if (setting) params.set(setting, value);
    else problems.push(`'${name}' is not a setting of the demo`);
  }
  const url = new URL(EMBED_URL);
  url.search = params.toString();
  return { url, problems, preset };
}

export class SeqlabDemo extends HTMLElement {
  static get observedAttributes() {
    return [...OWN_ATTRIBUTES, ...SETTING_BY_ATTRIBUTE.keys()];
  }

  constructor() {
    super();
    this.onMessage = (event) => this.receive(event);
    this.pending = false;
  }

  connectedCallback() {
    window.addEventListener('message', this.onMessage);
    this.scheduleRender();
  }

  disconnectedCallback() {
    window.removeEventListener('message', this.onMessage);
  }

  attributeChangedCallback() {
    if (this.isConnected) this.scheduleRender();
  }

  /** Several attribute changes in one task make one new frame. */
  scheduleRender() {
    if (this.pending) return;
    this.pending = true;
    queueMicrotask(() => {
      this.pending = false;
      try {
        this.render();
      } catch (error) {
        this.showProblems([`the demo could not start: ${error.message}`]);
      }
    });
  }

  render() {
    if (!this.shadowRoot) this.build();
    const { url, problems, preset } = embedUrl([...this.attributes]);
    this.showProblems(problems);
    this.frame.title = `seqlab demo${preset ? `: ${preset.section} ${preset.title}` : ''}`;
    if (this.frame.src !== url.href) this.frame.src = url.href;
  }

  /**
   * The shadow root: the list of problems and the frame. Styles are set through the CSSOM (element.style),
   * which a host page's CSP allows even without 'unsafe-inline' for styles.
   */
  build() {
    const root = this.attachShadow({ mode: 'open' });
    // A block by default; `hidden="128"` (the setting) must not hide the element as HTML's hidden would.
    const display = getComputedStyle(this).display;
    if (display === 'inline' || (display === 'none' && this.hasAttribute('hidden'))) this.style.display = 'block';
    this.problems = document.createElement('ul');
    this.problems.setAttribute('role', 'alert');
    this.problems.className = 'problems';
    this.problems.hidden = true;
    Object.assign(this.problems.style, { margin: '0 0 0.4em', padding: '0.4em 0.6em 0.4em 1.6em',
      background: '#fdecea', color: '#b3261e', font: '0.85em/1.4 system-ui, sans-serif', borderRadius: '4px' });
    this.frame = document.createElement('iframe');
    Object.assign(this.frame.style, { display: 'block', width: '100%', height: `${INITIAL_HEIGHT}px`, border: '0' });
    root.append(this.problems, this.frame);
  }

  showProblems(problems) {
    if (!this.problems) return;
    this.problems.replaceChildren(...problems.map((text) => {
      const item = document.createElement('li');
      item.textContent = `seqlab-demo: ${text}`;
      return item;
    }));
    this.problems.hidden = problems.length === 0;
  }

  /** The frame's height, from its own frame on the seqlab origin only. */
  receive(event) {
    if (!this.frame || event.source !== this.frame.contentWindow || event.origin !== SEQLAB_ORIGIN) return;
    const { type, height } = event.data ?? {};
    if (type !== HEIGHT_MESSAGE || !Number.isFinite(height)) return;
    this.frame.style.height = `${Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(height)))}px`;
  }
}

if (!customElements.get('seqlab-demo')) customElements.define('seqlab-demo', SeqlabDemo);
