// Writes what is generated from seqlab.schema(), so that neither can drift from the engine's tables:
// - wasm/js/seqlab-options.d.ts, the option interfaces of the package's types: one interface per schema group,
//   a member per key with its type, range, default and help;
// - web/js/engine-schema.json, the schema itself, which the page's bundle carries: the page builds its
//   settings from it while the engine still downloads and compiles, and sends its first requests at once.
// Run it after changing an option table (it needs the WebAssembly build, web/engine/):
//   node scripts/generate-dts.mjs           writes the files
//   node scripts/generate-dts.mjs --check   exits 1 when a committed file differs from what it would write
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const OPTIONS_DTS = fileURLToPath(new URL('../wasm/js/seqlab-options.d.ts', import.meta.url));
export const PAGE_SCHEMA = fileURLToPath(new URL('../web/js/engine-schema.json', import.meta.url));

/** web/js/engine-schema.json's text: the schema, one group per line-broken block. */
export function pageSchemaText(schema) {
  return `${JSON.stringify(schema, null, 1)}\n`;
}

/** The interface of each schema group, and what it is for. */
export const GROUP_INTERFACES = {
  corpus: ['CorpusOptions', 'How a text becomes tokens (Corpus, Session.loadCorpus).'],
  task: ['TaskOptions', 'A memory task generated as a corpus (Session.loadTask).'],
  stats: ['StatsOptions', 'The corpus statistics (corpusStats, Session.corpusStats).'],
  ngram: ['NgramOptions', 'An n-gram model (NgramModel, Session.buildNgram).'],
  perplexity: ['NgramPerplexityOptions', 'The n-gram perplexities by order 1..maxN (Session.ngramPerplexities).'],
  model: ['ModelConfig', 'A recurrent model (new Model(...), the model of a trainer).'],
  train: ['TrainOptions', 'How a network is trained (Trainer, Session.createTrainer, setTrainOptions, batchLayout).'],
  generate: ['GenerateOptions', 'Sampling from a trained network (generate).'],
  probe: ['ProbeOptions', 'Session.probe: diagnostics of a trainer on the validation minibatch.'],
  lossAndGradients: ['LossAndGradientsOptions', 'Model.lossAndGradients on one minibatch.'],
  linearRnn: ['LinearRnnOptions', 'Session.linearRnn: the notes\' linear RNN of spectral radius rho.'],
  gateActivations: ['GateActivationsOptions', 'Session.gateActivations: the gates of a trainer over one sequence.'],
  labModel: ['LabModelOptions', 'The Gradients lab\'s models: the model keys, with the lab\'s sizes as defaults.'],
  labTrain: ['LabTrainOptions', 'The Gradients lab\'s training: the train keys, with the lab\'s settings as defaults.'],
  run: ['RunOptions', 'A whole training run (seqlab train; the page\'s epoch limit is its epochs).'],
  evaluateText: ['EvaluateTextOptions', 'A saved model scored on a whole text as one stream (seqlab eval).'],
  ngramQuery: ['NgramQueryOptions', 'What seqlab ngram asks of its model beyond the perplexity: next tokens, a sample.'],
  generateOutput: ['GenerateOutputOptions', 'What seqlab generate prints beyond the text.'],
};

/** "[1, 4096]", "(0, 1]": the range as the engine's messages print it. */
function range(spec) {
  const lo = 'min' in spec ? String(spec.min) : '-inf';
  const hi = 'max' in spec ? String(spec.max) : 'inf';
  return `${spec.minExclusive || !('min' in spec) ? '(' : '['}${lo}, ${hi}${spec.maxExclusive || !('max' in spec) ? ')' : ']'}`;
}

function typeOf(spec) {
  switch (spec.type) {
    case 'int': case 'number': return 'number';
    case 'bool': return 'boolean';
    case 'string': return 'string';
    case 'choice': return spec.choices.map((c) => `'${c}'`).join(' | ');
    case 'list': {
      const element = spec.element === 'string' ? 'string' : 'number';
      if (spec.minLength === spec.maxLength && spec.maxLength <= 4) return `[${Array(spec.maxLength).fill(element).join(', ')}]`;
      return `${element}[]`;
    }
    default: throw new Error(`generate-dts: unknown spec type '${spec.type}' of ${spec.key}`);
  }
}

function allowed(spec) {
  switch (spec.type) {
    case 'int': return `integer in ${range(spec)}`;
    case 'number': return `number in ${range(spec)}`;
    case 'choice': return spec.aliases ? `old names still read: ${Object.entries(spec.aliases).map(([o, n]) => `'${o}' = '${n}'`).join(', ')}` : '';
    case 'list': return `${spec.minLength === spec.maxLength ? spec.minLength : `${spec.minLength}..${spec.maxLength}`} values${spec.element === 'string' ? '' : `, each in ${range(spec)}`}`;
    default: return '';
  }
}

/** A doc comment indented by `indent`, wrapped at WIDTH columns. */
const WIDTH = 110;
function docComment(text, indent = '  ') {
  if (`${indent}/** ${text} */`.length <= WIDTH) return [`${indent}/** ${text} */`];
  const lines = [`${indent}/**`];
  for (const word of text.split(' ')) {
    if (lines.length > 1 && `${lines.at(-1)} ${word}`.length <= WIDTH) lines[lines.length - 1] += ` ${word}`;
    else lines.push(`${indent} * ${word}`);
  }
  lines.push(`${indent} */`);
  return lines;
}

/** The text of seqlab-options.d.ts for a schema. */
export function optionTypesText(schema) {
  const lines = [
    '// Generated by scripts/generate-dts.mjs from seqlab.schema() (the engine\'s option tables,',
    '// engine/core/options.h): do not edit. After changing an option table, run `node scripts/generate-dts.mjs`;',
    '// tests/js/generated-dts.test.mjs fails while this file differs from what the script writes.',
  ];
  const groups = Object.keys(schema);
  for (const group of groups) {
    const entry = GROUP_INTERFACES[group];
    if (!entry) throw new Error(`generate-dts: the schema group '${group}' has no interface name in GROUP_INTERFACES`);
    const [name, what] = entry;
    lines.push('', ...docComment(`${what} The "${group}" group of seqlab.schema().`, ''), `export interface ${name} {`);
    for (const spec of schema[group]) {
      const facts = [allowed(spec), `default ${JSON.stringify(spec.default)}`].filter(Boolean);
      if (spec.required) facts.unshift('required');
      lines.push(...docComment(`${spec.help.replaceAll('*/', '* /')} (${facts.join('; ')})`));
      lines.push(`  ${spec.key}${spec.required ? '' : '?'}: ${typeOf(spec)};`);
    }
    lines.push('}');
  }
  lines.push('', '/** The groups of seqlab.schema(). */', 'export type OptionGroup =');
  let line = ' ';
  for (const [i, group] of groups.entries()) {
    const part = ` '${group}'${i < groups.length - 1 ? ' |' : ';'}`;
    if (line.length + part.length > WIDTH) {
      lines.push(line);
      line = ' ';
    }
    line += part;
  }
  lines.push(line, '');
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { createSeqlab } = await import('../web/engine/seqlab.mjs');
  const schema = (await createSeqlab()).schema();
  const outputs = [[OPTIONS_DTS, optionTypesText(schema)], [PAGE_SCHEMA, pageSchemaText(schema)]];
  for (const [file, text] of outputs) {
    if (process.argv.includes('--check')) {
      let committed = '';
      try { committed = readFileSync(file, 'utf8'); } catch { /* missing: differs */ }
      if (committed !== text) {
        console.error(`generate-dts: ${file} differs from the schema; run node scripts/generate-dts.mjs`);
        process.exitCode = 1;
      }
    } else {
      writeFileSync(file, text);
    }
  }
}
