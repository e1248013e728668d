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
     * @param {Int32Array} inputs   B*T ids, row b holds sequence b
     * @param {Int32Array} targets  B*T ids
     * @param {{truncation?: string, seed?: number, state?: {h: Float32Array[], c?: Float32Array[]}}} [options]
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
      return {
        loss: summary.loss, gradients, state: outState,
        hiddenGradNorms: summary.hiddenGradNorms, gateMeans: summary.gateMeans,
      };
    }

    /** Frees the C++ model. */
    delete() {
      if (this.raw) this.raw.delete();
      this.raw = null;
    }
  }
  api.Model = Model;
}
