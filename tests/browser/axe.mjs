// axe-core, injected into a page from node_modules, with the rules of WCAG 2.0, 2.1 and 2.2 at levels A and AA.
// Shared by the accessibility tests: each calls `axeViolations(page)` on a view with data in it and asserts
// that the list is empty; `describeViolations` prints what axe found, node by node, when it is not.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The violations axe finds in `page` (or in `frame`, any Playwright frame), optionally inside one selector. */
export async function axeViolations(pageOrFrame, { include } = {}) {
  const hasAxe = await pageOrFrame.evaluate(() => typeof window.axe !== 'undefined');
  if (!hasAxe) await pageOrFrame.evaluate(axeSource);
  return pageOrFrame.evaluate(async ({ tags, include }) => {
    const context = include ? { include: [include] } : document;
    const result = await window.axe.run(context, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  }, { tags: wcagTags, include });
}

/** One line per failing node, for an assertion message. */
export function describeViolations(violations) {
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target}: ${v.help}`)).join('\n');
}
