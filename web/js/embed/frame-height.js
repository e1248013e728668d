// Inside a frame, tells the parent page how tall the content is, whenever that changes, so the host (the
// <seqlab-demo> element, or an author's own script) can size the iframe without a scrollbar. The message
// is {type: 'seqlab:height', height} in CSS pixels. It goes to any parent origin ('*'): a height says
// nothing private, and a course page may be served from anywhere. The receiver checks that the message
// comes from its own frame (event.source) and from the seqlab origin (event.origin).

export const HEIGHT_MESSAGE = 'seqlab:height';

/**
 * Starts reporting the height of `doc`'s body to the parent window; does nothing outside a frame.
 * @param {Window} win
 */
export function reportHeight(win = window) {
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
  };
  new win.ResizeObserver(send).observe(body);
  send();
}
