// Reads a fenced code block out of a markdown document by its marker, so that tests run the examples the
// documents print instead of copies of them. A marker is an HTML comment on its own line,
// `<!-- readme-test: NAME -->`, directly before the block's opening fence (blank lines may sit between).

/** The body of the fenced block after the marker NAME (without its fences); throws if there is none. */
export function markedBlock(markdown, name) {
  const blocks = markedBlocks(markdown);
  if (!blocks.has(name)) throw new Error(`no block marked '<!-- readme-test: ${name} -->'`);
  return blocks.get(name);
}

/** Every marked block of a document: Map from marker name to body, in document order. */
export function markedBlocks(markdown) {
  const blocks = new Map();
  const pattern = /<!-- readme-test: ([\w-]+) -->\s*\n\s*(`{3,})[^\n]*\n([\s\S]*?)\n\2[ \t]*(?:\n|$)/g;
  for (const [, name, , body] of markdown.matchAll(pattern)) {
    if (blocks.has(name)) throw new Error(`two blocks are marked '${name}'`);
    blocks.set(name, `${body}\n`);
  }
  return blocks;
}
