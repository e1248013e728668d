// The D2L presets: the book's hyperparameters for each section of "Dive into Deep Learning" that the
// playground can show, and what the book reports. Data only, in ONE place: the page lists them, `?preset=`
// and <seqlab-demo preset="..."> apply them, and web/js/state.js turns each value into a setting through
// the same validation as a URL value (a URL value overrides the preset's). Values are written as the URL
// writes them (strings), so a preset reads exactly like the query string it stands for.
//
// Section numbers are those of the classic edition (d2l.ai 0.17, "chapter_recurrent-neural-networks" and
// "chapter_recurrent-modern"), whose char-level Time Machine runs scripts/reproduce.mjs reproduces natively
// (bench/REPRODUCE.md). The book trains 500 epochs on the first 10,000 characters and reports *training*
// perplexity there; the page trains on the whole text and also validates on its last 10 %, so its numbers
// are not the book's and each preset's `demo` says how it differs.

/** What every network preset shares: D2L's train_ch8 (batch 32, num_steps 35, SGD lr 1, clipping 1). */
const D2L_TRAINING = Object.freeze({
  level: 'char', preprocess: 'letters_only', minFreq: '0', batch: '32', steps: '35', optimizer: 'sgd', lr: '1',
  clip: '1', iterator: 'sequential', truncation: 'full', prefix: 'time traveller ', genLen: '50',
});

/** 500 epochs of 10,000 characters are 5 million characters: about 32 epochs of the page's training part. */
const SAME_TOKENS_EPOCHS = '32';

const WHOLE_TEXT = 'trains on the whole text (about 160,000 characters; the last 10 % validate), not on the ' +
  "first 10,000: the book's training perplexity near 1 means the network has learned those 10,000 characters " +
  'by heart, which the whole text does not allow; expect a training perplexity of about 3 to 5 here. The epoch ' +
  "limit is set to the book's number of characters (500 × 10,000, about 32 epochs of the whole text).";

/**
 * @typedef {{id: string, title: string, section: string, url: string, settings: Object<string, string>,
 *            panels: string[], book: {reports: string, perplexity?: number, builds?: Object}, demo: string}} Preset
 *   settings: page settings (web/js/state.js names) as URL text; panels: what an embed shows by default;
 *   book.reports: what the book reports, in words; book.perplexity: its number, when it gives one;
 *   book.builds: where the book's framework builds print different numbers, each build's (sequential and
 *   random-sampling training perplexity);
 *   demo: how the page's run differs from the book's
 */

/** @type {readonly Preset[]} */
export const PRESETS = Object.freeze([
  {
    id: 'd2l-ngram',
    title: 'Language models and Laplace smoothing',
    section: 'D2L 8.3',
    url: 'https://classic.d2l.ai/chapter_recurrent-neural-networks/language-models-and-dataset.html',
    settings: { level: 'word', preprocess: 'letters_only', minFreq: '0', n: '3', smoothing: 'd2l',
      context: 'the time', autostart: '0' },
    panels: ['corpus', 'ngram'],
    book: { reports: 'No perplexity: word frequencies follow Zipf\'s law (a straight line on log-log axes) for ' +
      'unigrams, bigrams and trigrams alike. The book introduces Laplace smoothing (ε₁, ε₂, ε₃) for the ' +
      'n-grams that are rare or never seen, and concludes that so many of them are rare that this "makes ' +
      'Laplace smoothing rather unsuitable for language modeling"; seqlab\'s Witten-Bell and Kneser-Ney ' +
      'smoothings are the usual alternatives.' },
    demo: 'Word tokens of the whole text as the book; the bars give each order\'s validation perplexity on the ' +
      'last 10 %, which the book does not compute. seqlab\'s native run (bench/REPRODUCE.md) finds the best ' +
      'char-level Laplace model at n = 4 (validation perplexity 5.45).',
  },
  {
    id: 'd2l-rnn-scratch',
    title: 'RNN from scratch',
    section: 'D2L 8.5',
    url: 'https://classic.d2l.ai/chapter_recurrent-neural-networks/rnn-scratch.html',
    settings: { ...D2L_TRAINING, cell: 'rnn', hidden: '512', layers: '1', activation: 'tanh', init: 'normal',
      seed: '0', epochs: SAME_TOKENS_EPOCHS },
    panels: ['train', 'generate'],
    // The classic edition's executed notebooks differ by framework; `perplexity` is the MXNet build's, the one
    // classic.d2l.ai shows first (tests/js/presets-book.test.mjs holds these figures against the book).
    book: { reports: 'Training perplexity after 500 epochs, H = 512, weights N(0, 0.01): 1.0 in the MXNet and ' +
      'TensorFlow builds of the book, 1.2 in its PyTorch build. The second run, "random sampling", is 1.4 in ' +
      'all three; in MXNet and PyTorch it reuses the sequential iterator and only resets the state before ' +
      'every minibatch (use_random_iter=True), so it sees the same minibatches without the state carried ' +
      'across them (TensorFlow loads a random iterator for it).', perplexity: 1.0,
      builds: { mxnet: { sequential: 1.0, random: 1.4 }, pytorch: { sequential: 1.2, random: 1.4 },
        tensorflow: { sequential: 1.0, random: 1.4 } } },
    demo: WHOLE_TEXT,
  },
  {
    id: 'd2l-rnn-concise',
    title: 'Concise RNN',
    section: 'D2L 8.6',
    url: 'https://classic.d2l.ai/chapter_recurrent-neural-networks/rnn-concise.html',
    settings: { ...D2L_TRAINING, cell: 'rnn', hidden: '256', layers: '1', activation: 'tanh', init: 'uniform',
      seed: '0', epochs: SAME_TOKENS_EPOCHS },
    panels: ['train', 'generate'],
    book: { reports: 'Training perplexity 1.3 after 500 epochs (PyTorch\'s nn.RNN, H = 256, its default ' +
      'initialisation).', perplexity: 1.3 },
    demo: WHOLE_TEXT,
  },
  {
    id: 'd2l-bptt',
    title: 'Backpropagation through time',
    section: 'D2L 8.7',
    url: 'https://classic.d2l.ai/chapter_recurrent-neural-networks/bptt.html',
    settings: { ...D2L_TRAINING, cell: 'rnn', hidden: '512', layers: '1', activation: 'tanh', init: 'normal',
      seed: '0', truncation: 'random', pi: '0.5', epochs: SAME_TOKENS_EPOCHS },
    panels: ['train', 'trunc'],
    book: { reports: 'No training run: the section compares full computation, regular truncation and ' +
      'randomized truncation on the first characters of The Time Machine (its Fig. 8.7.1) and says that ' +
      'randomized truncation, appealing in theory, does not work much better than regular truncation in ' +
      'practice.' },
    demo: 'The network of 8.5 trained with randomized truncation (keep probability π = 0.5, each kept step ' +
      'scaled by 1/π); the Truncation view trains full, fixed-τ and random-π runs side by side. ' + WHOLE_TEXT,
  },
  {
    id: 'd2l-gru',
    title: 'Gated recurrent units (GRU)',
    section: 'D2L 9.1',
    url: 'https://classic.d2l.ai/chapter_recurrent-modern/gru.html',
    settings: { ...D2L_TRAINING, cell: 'gru', hidden: '256', layers: '1', init: 'normal', seed: '0',
      epochs: SAME_TOKENS_EPOCHS },
    panels: ['train', 'generate'],
    book: { reports: 'Training perplexity 1.1 after 500 epochs from scratch (1.0 with nn.GRU); H = 256.',
      perplexity: 1.1 },
    demo: WHOLE_TEXT,
  },
  {
    id: 'd2l-lstm',
    title: 'Long short-term memory (LSTM)',
    section: 'D2L 9.2',
    url: 'https://classic.d2l.ai/chapter_recurrent-modern/lstm.html',
    settings: { ...D2L_TRAINING, cell: 'lstm', hidden: '256', layers: '1', init: 'normal', seed: '0',
      epochs: SAME_TOKENS_EPOCHS },
    panels: ['train', 'generate'],
    book: { reports: 'Training perplexity 1.1 after 500 epochs from scratch (1.0 with nn.LSTM); H = 256.',
      perplexity: 1.1 },
    demo: WHOLE_TEXT,
  },
  {
    id: 'd2l-deep-rnn',
    title: 'Deep recurrent networks',
    section: 'D2L 9.3',
    url: 'https://classic.d2l.ai/chapter_recurrent-modern/deep-rnn.html',
    settings: { ...D2L_TRAINING, cell: 'lstm', hidden: '256', layers: '2', init: 'uniform', lr: '2', seed: '0',
      epochs: SAME_TOKENS_EPOCHS },
    panels: ['train', 'generate'],
    book: { reports: 'Training perplexity 1.0 after 500 epochs: two nn.LSTM layers of 256 units, SGD lr 2.',
      perplexity: 1.0 },
    demo: WHOLE_TEXT,
  },
  {
    // Not a run of the book: the race its GRU and LSTM sections argue for (gates keep a state, and its
    // gradient, across a long gap), on the engine's synthetic memory task instead of The Time Machine.
    id: 'memory',
    title: 'Memory race: RNN, GRU and LSTM across a long lag',
    section: 'D2L 9.1–9.2',
    url: 'https://classic.d2l.ai/chapter_recurrent-modern/lstm.html',
    // The page's own network does not train: the race has the worker to itself.
    settings: { autostart: '0' },
    panels: ['memory'],
    book: { reports: 'No experiment: the GRU and LSTM sections motivate their gates by information that must be ' +
      'kept over many steps (an early observation that decides a later output), where a plain RNN\'s gradient ' +
      'vanishes.' },
    demo: 'The Memory lab races an RNN, GRUs and LSTMs (with and without a bias that makes the gate keep the ' +
      'state) on a synthetic task: a key, a lag of filler symbols, then the key must be answered. It plots the ' +
      'answer accuracy against training steps and how far the answer\'s gradient reaches back to the key.',
  },
].map((preset) => Object.freeze({ ...preset, settings: Object.freeze(preset.settings),
  panels: Object.freeze(preset.panels), book: Object.freeze(preset.book) })));

/** The preset of an id, or undefined. */
export function presetById(id) {
  return PRESETS.find((p) => p.id === id);
}
