// A chart on the page as a file: a standalone SVG (the page's CSS inlined as presentation attributes, so it
// looks the same outside the page and needs no <style>, which the page's CSP would refuse) and a PNG drawn
// from it on a canvas at twice the size.

/** The CSS properties the charts' classes set (web/css/style.css, svg.chart ...). */
const STYLED = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-linejoin', 'opacity', 'font-size',
  'font-family', 'font-weight', 'paint-order', 'text-anchor'];

/**
 * A standalone copy of an <svg>: each element gets the styles it has on the page as attributes, and a white
 * background.
 * @param {SVGSVGElement} svg  a chart on the page (rendered, so its styles are computed)
 * @returns {{text: string, width: number, height: number}}
 */
export function standaloneSvg(svg) {
  const copy = svg.cloneNode(true);
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  for (const [i, original] of originals.entries()) {
    const style = getComputedStyle(original);
    for (const property of STYLED) {
      const value = style.getPropertyValue(property);
      if (value && value !== 'normal' && value !== 'auto') copies[i].setAttribute(property, value);
    }
    copies[i].removeAttribute('class');
  }
  const [, , width, height] = svg.getAttribute('viewBox').split(/\s+/).map(Number);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  for (const [key, value] of Object.entries({ x: 0, y: 0, width, height, fill: '#ffffff' })) {
    background.setAttribute(key, String(value));
  }
  copy.insertBefore(background, copy.firstChild);
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
  return { text, width, height };
}

/**
 * The chart as a PNG (scale x its SVG size).
 * @param {{text: string, width: number, height: number}} svg  from standaloneSvg
 * @returns {Promise<Blob>}
 */
export async function pngOf(svg, scale = 2) {
  const url = URL.createObjectURL(new Blob([svg.text], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(svg.width * scale);
    canvas.height = Math.round(svg.height * scale);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise((resolve, reject) => canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the browser could not encode the PNG'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
