// seqlab as an anywidget front-end module: a configured demo in a MyST or Jupyter Book 2 page (the
// {anywidget} directive) or in a Jupyter notebook (an AnyWidget whose _esm is this file's URL).
//
//   ```{anywidget} https://SEQLAB-HOST/seqlab-anywidget.js
//   { "site": "https://SEQLAB-HOST/", "preset": "d2l-gru", "panels": "train,generate" }
//   ```
//
// render({model, el}) puts a <seqlab-demo> element (web/seqlab-demo.js, loaded from the seqlab site) into
// `el` and sets its attributes from the model's traits: `preset`, `panels`, `lock` and any setting by its
// name (seqlab-demo.js's DEMO_OPTIONS); a list (["train", "generate"]) is written comma-separated, and a trait
// that is absent, null or '' is left out. The element does the rest as on any page: the frame, its height,
// the problems it can tell. A changed trait changes the attribute, and the element loads its new frame. The
// cleanup render returns removes the element (with it the frame and the element's message listener) and
// stops watching the model.
//
// `site` says where seqlab is served. MyST copies a remote module into the book's own build, so there this
// module cannot find seqlab from its own URL; without `site` seqlab is the folder the module was loaded from
// (a Jupyter notebook imports the URL itself). For the same reason nothing is imported statically: a
// relative import would fail in MyST's copy.

/** The trait that says where the seqlab site is. */
const SITE_TRAIT = 'site';

/** The seqlab site's folder: the `site` trait, else this module's folder; always ending with '/'. */
function siteOf(model) {
  const url = new URL(model.get(SITE_TRAIT) || '.', import.meta.url);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url;
}

/** A trait's value as an attribute's; undefined when the trait says nothing. */
function attributeValue(value) {
  if (value === undefined || value === null || value === '') return undefined;
  return Array.isArray(value) ? value.join(',') : String(value);
}

/**
 * Mounts a demo in `el` from the traits of `model` and follows their changes.
 * @param {{model: {get: (name: string) => any, on: (event: string, callback: Function) => void,
 *   off: (event: string, callback: Function) => void}, el: HTMLElement}} view
 * @returns {Promise<() => void>} the cleanup
 */
async function render({ model, el }) {
  const doc = el.ownerDocument;
  const site = siteOf(model);
  let demoModule;
  try {
    demoModule = await import(new URL('seqlab-demo.js', site).href);
  } catch (error) {
    // Nothing is thrown into the host page: the widget says what went wrong where the demo would be.
    const message = doc.createElement('p');
    message.setAttribute('role', 'alert');
    message.textContent = `seqlab: the demo could not load from ${site.href} (${error.message}). ` +
      `Set the widget's "${SITE_TRAIT}" to the address where seqlab is served.`;
    el.append(message);
    return () => message.remove();
  }

  const demo = doc.createElement('seqlab-demo');
  const apply = (name) => {
    const value = attributeValue(model.get(name));
    if (value === undefined) demo.removeAttribute(name);
    else demo.setAttribute(name, value);
  };
  for (const name of demoModule.DEMO_OPTIONS) apply(name);
  el.append(demo);

  let mounted = true;
  const watchers = demoModule.DEMO_OPTIONS.map((name) => {
    // Reads the model rather than the callback's arguments: Jupyter passes (model, value), MyST an Event.
    const watcher = () => { if (mounted) apply(name); };
    model.on(`change:${name}`, watcher);
    return [`change:${name}`, watcher];
  });
  return () => {
    mounted = false;
    demo.remove();
    for (const [event, watcher] of watchers) {
      try {
        model.off(event, watcher);
      } catch {
        // MyST's model has no off() yet (it throws): the watcher stays registered but does nothing.
      }
    }
  };
}

export default { render };
