// Binds the form fields marked data-prop="<setting>" inside a panel to the settings: fills each select
// with the setting's choices and each number field with its range (both from web/js/state.js), shows the
// current values, validates what the user types and reports valid changes. Invalid input is marked and
// explained on the field and not applied.
import { PROP_BY_NAME, parseValue } from '../state.js';

export class Controls {
  /**
   * @param {HTMLElement} root
   * @param {import('../settings.js').Settings} settings
   */
  constructor(root, settings) {
    this.settings = settings;
    this.fields = [...root.querySelectorAll('[data-prop]')];
    for (const field of this.fields) {
      const prop = PROP_BY_NAME.get(field.dataset.prop);
      if (!prop) throw new Error(`no setting named '${field.dataset.prop}'`);
      field.name = prop.name;
      field.title = prop.help;
      if (field.tagName === 'SELECT') {
        field.replaceChildren(...prop.choices.map((c) => new Option(c, c)));
      } else if (prop.type === 'int' || prop.type === 'number') {
        field.min = String(prop.min);
        field.max = String(prop.max);
        if (prop.type === 'int') field.step = '1';
      } else if (prop.type === 'string') {
        field.maxLength = prop.maxLength;
      }
      const event = field.type === 'text' ? 'input' : 'change';
      field.addEventListener(event, () => this.commit(field, prop));
    }
    this.show(settings.state);
  }

  commit(field, prop) {
    const text = field.type === 'checkbox' ? String(field.checked) : field.value;
    const parsed = parseValue(prop, text);
    field.setCustomValidity(parsed.ok ? '' : parsed.error);
    field.classList.toggle('invalid', !parsed.ok);
    if (!parsed.ok) { field.reportValidity(); return; }
    this.settings.update({ [prop.name]: parsed.value });
  }

  /** Shows values (e.g. after the URL was read). */
  show(state) {
    for (const field of this.fields) {
      const value = state[field.dataset.prop];
      if (field.type === 'checkbox') field.checked = Boolean(value);
      else if (document.activeElement !== field) field.value = String(value);
    }
  }
}
