// Whether a section can be seen: on screen (an IntersectionObserver) and in a visible page (the
// visibilitychange event). The labs train their own models only then, so that they never slow the page's
// training while the student is elsewhere. Calls onChange(shown) whenever either input changes.
export function watchOnScreen(section, onChange) {
  let intersecting = false;
  const report = () => onChange(intersecting && document.visibilityState === 'visible');
  new IntersectionObserver((entries) => {
    intersecting = entries.some((e) => e.isIntersecting);
    report();
  }).observe(section);
  document.addEventListener('visibilitychange', report);
}
