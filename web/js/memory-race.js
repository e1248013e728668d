// What the Memory lab's race is, shared by the page's views and the worker that runs it (as protocol.js is):
// the contestants and the accuracy that ends a contestant's training. No DOM, no engine.

/** The accuracy at which a contestant counts as having learned the task (and stops training). */
export const TARGET_ACCURACY = 0.95;

/**
 * Every contestant the page offers: a cell and the initial bias of the gate that keeps the state
 * (σ(gateBias) of the state kept per step at the start: 0 keeps half, 2 keeps 88 %).
 * `id` names the trainer in the race's Session, the curve's data-series and the checkbox.
 */
export const CONTESTANTS = Object.freeze([
  { id: 'rnn', label: 'RNN', cell: 'rnn', gateBias: 0 },
  { id: 'gru', label: 'GRU', cell: 'gru', gateBias: 0 },
  { id: 'lstm', label: 'LSTM', cell: 'lstm', gateBias: 0 },
  { id: 'gru-keep', label: 'GRU, keep bias 2', cell: 'gru', gateBias: 2 },
  { id: 'lstm-keep', label: 'LSTM, keep bias 2', cell: 'lstm', gateBias: 2 },
].map((c) => Object.freeze(c)));

/** @returns {object|undefined} the contestant of an id */
export const contestantById = (id) => CONTESTANTS.find((c) => c.id === id);
