// Inside a frame, tells the parent page how tall the content is, whenever that changes, so the host (the
// <seqlab-demo> element, or an author's own script) can size the iframe without a scrollbar. The message
// is {type: 'seqlab:height', height} in CSS pixels. It goes to any parent origin ('*'): a height says
// nothing private, and a course page may be served from anywhere. The receiver checks that the message
// comes from its own frame (event.source) and from the seqlab origin (event.origin).
// A framing page that cannot run a script of its own may listen for another platform's message: with
// `resize=lti` in the URL (web/js/state.js's readResize) the frame also sends Canvas's
// {subject: 'lti.frameResize', height}, the same height in CSS pixels; without it, never.

export const HEIGHT_MESSAGE = 'seqlab:height';
/** Canvas's resize message (`resize=lti`). */
export const LTI_RESIZE_SUBJECT = 'lti.frameResize';
/** How long after a change of the DOM the height is measured (changes within it are measured once). */
const MEASURE_DELAY_MS = 100;

/**
 * Starts reporting the height of `win`'s body to the parent window; does nothing outside a frame.
 * @param {Window} win
 * @param {{lti?: boolean}} [also]  lti: send Canvas's lti.frameResize too
 */
export function reportHeight(win = window, { lti = false } = {}) {
  if (win.parent === win) return;
  const body = win.document.body;
  let last = -1;
  const send = () => {
    // The body's own box: the document's scroll height never drops below the frame's current height.
    const style = win.getComputedStyle(body);
    const height = Math.ceil(body.getBoundingClientRect().height + parseFloat(style.marginTop)
      + parseFloat(style.marginBottom));
    if (height === last) return;
    last = height;
    win.document.documentElement.dataset.reportedHeight = String(height);
    win.parent.postMessage({ type: HEIGHT_MESSAGE, height }, '*');
    if (lti) win.parent.postMessage({ subject: LTI_RESIZE_SUBJECT, height }, '*');
  };
  // A ResizeObserver reports at rendering time, and Chromium does not render a cross-origin frame that is
  // out of view: its height would go stale until the reader scrolls to it. Changes to the DOM (a chart
  // redrawn, a panel shown) also schedule a measurement, which lays the page out when asked.
  let timer = 0;
  const soon = () => {
    if (!timer) timer = win.setTimeout(() => { timer = 0; send(); }, MEASURE_DELAY_MS);
  };
  new win.ResizeObserver(send).observe(body);
  new win.MutationObserver(soon).observe(body, { childList: true, subtree: true, attributes: true, characterData: true });
  win.addEventListener('resize', soon);
  send();
}
