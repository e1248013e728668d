// Binds the form fields marked data-prop="<setting>" inside one panel to the settings: fills each select
// with the setting's choices and each number field with its range (the props of web/js/state.js, from the
// engine's schema), shows the
// current values, validates what the user types and reports valid changes. Invalid input is marked and
// explained on the field and not applied. An element marked data-show-when="<setting>=<value>" is shown only
// while that setting has that value (the RNN's activation, τ or π of the truncation, k or ε of smoothing).
import { parseValue, formatValue } from '../state.js';

export class Controls {
  /**
   * @param {HTMLElement} root  the panel; only fields inside it are touched
   * @param {import('../settings.js').Settings} settings
   */
  constructor(root, settings) {
    this.settings = settings;
    const props = settings.props.byName;
    this.fields = [...root.querySelectorAll('[data-prop]')];
    for (const field of this.fields) {
      const prop = props.get(field.dataset.prop);
      if (!prop) throw new Error(`no setting named '${field.dataset.prop}'`);
      field.name = prop.name;
      field.title = prop.help;
      if (field.tagName === 'SELECT') {
        field.replaceChildren(...prop.choices.map((c) => new Option(c, c)));
      } else if (prop.type === 'int' || prop.type === 'number') {
        if (prop.min !== undefined) field.min = String(prop.min);
        if (prop.max !== undefined) field.max = String(prop.max);
        if (prop.type === 'int') field.step = '1';
      } else if (prop.type === 'string' && prop.maxLength !== undefined) {
        field.maxLength = prop.maxLength;
      }
      const event = field.type === 'text' ? 'input' : 'change';
      field.addEventListener(event, () => this.commit(field, prop));
    }
    this.conditional = [...root.querySelectorAll('[data-show-when]')].map((element) => {
      const [name, value] = element.dataset.showWhen.split('=');
      if (!props.has(name)) throw new Error(`data-show-when names no setting: '${element.dataset.showWhen}'`);
      return { element, name, value };
    });
    /** The notes of the last refusal (showRefusal), removed at the next change: the plan is then stale. */
    this.notes = [];
    this.show(settings.state);
    settings.onChange((_changed, state) => {
      this.showRefusal([]);
      this.show(state);
    });
  }

  /**
   * Marks the settings the engine asked to lower (an Error's `settings` from a memory refusal,
   * engine-client.js) and writes beside each the largest value that fits; [] clears the marks.
   * @param {{name: string, current: number, fits: number}[]} settings
   */
  showRefusal(settings) {
    for (const note of this.notes) {
      note.field.classList.remove('refused');
      note.element.remove();
    }
    this.notes = [];
    for (const { name, fits } of settings || []) {
      const field = this.fields.find((f) => f.dataset.prop === name);
      if (!field) continue;
      const element = document.createElement('span');
      element.className = 'setting-note';
      element.dataset.refused = name;
      element.textContent = `too large for memory: at most ${fits.toLocaleString('en')} fits`;
      field.classList.add('refused');
      field.after(element);
      this.notes.push({ field, element });
    }
  }

  commit(field, prop) {
    const text = field.type === 'checkbox' ? String(field.checked) : field.value;
    const parsed = parseValue(prop, text);
    field.setCustomValidity(parsed.ok ? '' : parsed.error);
    field.classList.toggle('invalid', !parsed.ok);
    if (!parsed.ok) { field.reportValidity(); return; }
    this.settings.update({ [prop.name]: parsed.value });
  }

  /** Shows the values (except in the field being edited) and the fields that apply. */
  show(state) {
    for (const field of this.fields) {
      const prop = this.settings.props.byName.get(field.dataset.prop);
      const value = state[prop.name];
      if (field.type === 'checkbox') field.checked = Boolean(value);
      else if (document.activeElement !== field) field.value = formatValue(prop, value);
    }
    for (const { element, name, value } of this.conditional) element.hidden = String(state[name]) !== value;
  }
}
