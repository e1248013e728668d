// The model API: `new seqlab.Model({cell, vocab, hidden, layers, embedding, activation, gruVariant, init, seed})`.
// A Model owns C++ memory: call delete() when done (the worker owns these objects, not the UI).

/**
 * @param {object} api  the object createSeqlab() resolves to; gets `api.Model`
 * @param {object} raw  the Embind module
 */
export function install(api, raw) {
  class Model {
    /** @param {object} config  {cell: 'rnn'|'gru'|'lstm', vocab, hidden, layers, embedding, activation,
     *                            gruVariant: 'seed'|'reset_after', init: 'uniform'|'normal', seed} */
    constructor(config = {}) {
      this.raw = new raw.RawModel(JSON.stringify(config ?? {}));
      this.config = JSON.parse(this.raw.configJson());
      /** @type {{name: string, shape: number[], offset: number, size: number}[]} */
      this.layout = JSON.parse(this.raw.parameterLayoutJson());
    }

    #live() {
      if (!this.raw) throw new Error('Model: used after delete()');
      return this.raw;
    }

    /** @returns {string[]} parameter names in buffer order */
    parameterNames() { return this.layout.map((p) => p.name); }
    /** @returns {number[]} the row-major shape, e.g. [hidden, vocab] for 'l0.W_xz' */
    parameterShape(name) { return JSON.parse(this.#live().parameterShapeJson(String(name))); }
    /** @returns {Float32Array} a copy */
    getParameter(name) { return this.#live().getParameter(String(name)); }
    /** @param {Float32Array} values  exactly as many as the tensor has */
    setParameter(name, values) { this.#live().setParameter(String(name), values); }
    /** @returns {Float32Array} the whole flat buffer (a copy) */
    getParameters() { return this.#live().getParameters(); }
    setParameters(values) { this.#live().setParameters(values); }

    /**
     * Forward + backward through time over B sequences of T steps.
     * lossSteps 'last': the loss and every gradient are of the last step's loss alone (mean over B of l_T),
     * so hiddenGradNorms[l][t] is the mean over B of ||dl_T/dh_t||. pathSplit: adds gruPaths[l][t] =
     * {direct, update, candidate, reset} (GRU) or lstmPaths[l][t] = {cell, rest} (LSTM), the mean over B of
     * the norm of each term of step t's contribution to dl/dh_(t-1) (t = 1..T at index t-1).
     * @param {Int32Array} inputs   B*T ids, row b holds sequence b
     * @param {Int32Array} targets  B*T ids
     * @param {{truncation?: 'full'|'fixed'|'random', tau?: number, pi?: number, seed?: number,
     *          lossSteps?: 'all'|'last', pathSplit?: boolean, state?: {h: Float32Array[], c?: Float32Array[]}}} [options]
     *   the schema's lossAndGradients group, and the state entering step 0
     */
    lossAndGradients(inputs, targets, B, T, options = {}) {
      const m = this.#live();
      const { state, ...rest } = options ?? {};
      const layers = this.config.layers;
      const flatten = (arrays, what) => {
        if (!arrays) return new Float32Array(0);
        if (arrays.length !== layers) throw new Error(`state.${what}: ${arrays.length} layers, expected ${layers}`);
        const out = new Float32Array(layers * B * this.config.hidden);
        arrays.forEach((a, l) => {
          if (a.length !== B * this.config.hidden) {
            throw new Error(`state.${what}[${l}]: ${a.length} values, expected B*hidden = ${B * this.config.hidden}`);
          }
          out.set(a, l * B * this.config.hidden);
        });
        return out;
      };
      const summary = JSON.parse(m.lossAndGradientsJson(inputs, targets, B, T, JSON.stringify(rest),
        flatten(state?.h, 'h'), flatten(state?.c, 'c')));
      const flat = m.lastGradients();
      const gradients = {};
      for (const p of this.layout) gradients[p.name] = flat.subarray(p.offset, p.offset + p.size);
      const split = (a) => {
        const n = B * this.config.hidden;
        return Array.from({ length: layers }, (_, l) => a.slice(l * n, (l + 1) * n));
      };
      const outState = { h: split(m.lastStateH()) };
      if (this.config.cell === 'lstm') outState.c = split(m.lastStateC());
      const result = {
        loss: summary.loss, gradients, state: outState,
        hiddenGradNorms: summary.hiddenGradNorms, gateMeans: summary.gateMeans,
      };
      if (summary.gruPaths) result.gruPaths = summary.gruPaths;
      if (summary.lstmPaths) result.lstmPaths = summary.lstmPaths;
      return result;
    }

    /** @returns {number} max |eigenvalue| of a square parameter, e.g. 'l0.W_hh' or a GRU block 'l0.W_hz' */
    spectralRadius(name) { return this.#live().spectralRadius(String(name)); }
    /**
     * Scales the parameter so that its spectral radius becomes rho.
     * @returns {number} the radius measured after scaling
     */
    setSpectralRadius(name, rho) { return this.#live().setSpectralRadius(String(name), Number(rho)); }
    /**
     * Gate activations of one sequence from the zero state.
     * @param {Int32Array} inputs  T ids
     * @returns {{[name: string]: Float32Array}} e.g. {'l0.z': (T, hidden) row-major, 'l0.r': ...}; {} for an RNN
     */
    gateActivations(inputs, T) { return this.#live().gateActivations(inputs, T); }

    /** Frees the C++ model. */
    delete() {
      if (this.raw) this.raw.delete();
      this.raw = null;
    }
  }
  api.Model = Model;
}
