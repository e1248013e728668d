// What leaves the page from a run: its curve (CSV), its chart (PNG, SVG), its generated text, and its model
// for PyTorch (the engine's safetensors and script). Each is downloaded under a name that says what it is
// (file-names.js).
import { curveCsv } from './csv.js';
import { runFileName } from './file-names.js';
import { download } from './download.js';
import { standaloneSvg, pngOf } from './chart-export.js';
import { lastProgress } from './run.js';

/**
 * Downloads one export of `run`; resolves to a note for the panel, or undefined. Errors are the caller's.
 * @param {'csv'|'png'|'svg'|'pytorch'} kind
 * @param {{run: import('./run.js').Run, engine: import('../engine-client.js').EngineClient,
 *          chartSvg: () => SVGSVGElement}} from
 */
export async function exportRun(kind, { run, engine, chartSvg }) {
  const { epoch } = lastProgress(run);
  if (kind === 'pytorch') {
    // The script loads `${fileStem}.safetensors` from its own folder: both keep the engine's stem.
    const { safetensors, script, fileStem } = await engine.request('train-export-pytorch');
    download(safetensors, `${fileStem}.safetensors`);
    download(script, `${fileStem}.py`, 'text/x-python');
    return `Saved ${fileStem}.safetensors and ${fileStem}.py: keep them in one folder and run ` +
      `python3 ${fileStem}.py --help (it needs torch).`;
  }
  if (kind === 'csv') {
    const about = { corpus: run.corpus, ...(run.corpusHash ? { 'corpus hash': run.corpusHash } : {}),
      exported: new Date().toISOString() };
    download(curveCsv(run, about), runFileName(run, epoch, 'csv', 'curve'), 'text/csv');
    return undefined;
  }
  const svg = standaloneSvg(chartSvg());
  if (kind === 'svg') download(svg.text, runFileName(run, epoch, 'svg', 'chart'), 'image/svg+xml');
  else download(await pngOf(svg), runFileName(run, epoch, 'png', 'chart'));
  return undefined;
}

/** The generated text as a .txt file named after the run. */
export function exportGeneratedText(generation, run) {
  download(generation.text, runFileName(run, lastProgress(run).epoch, 'txt', 'generated'), 'text/plain');
}

/** Downloads a checkpoint under the run's name; the note for the panel. */
export function downloadCheckpoint(bytes, run) {
  const name = runFileName(run, lastProgress(run).epoch, 'seqlab');
  download(bytes, name);
  return `Saved ${name} (${(bytes.length / 1024).toFixed(0)} kB): "Load model…" brings it back.`;
}
