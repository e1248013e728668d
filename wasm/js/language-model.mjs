// What every language model does from JS, whether it trains (seqlab.Trainer, trainer.mjs) or was loaded
// from a checkpoint without a corpus and only generates (seqlab.LoadedModel, loaded-model.mjs): generate,
// its options, parameter count, progress and curve, save, delete. The JS side of facade::LanguageModel
// (wasm/facade/language_model.h); training is the Trainer's alone. Owns C++ memory: call delete() when done.
export class LanguageModel {
  #kind;

  /**
   * @param {object} rawModel  the Embind object (a facade::Trainer or facade::LoadedModel)
   * @param {string} kind  the class name that errors say
   */
  constructor(rawModel, kind) {
    /** The Embind object. */
    this.raw = rawModel;
    this.#kind = kind;
  }

  /** The Embind object; throws once delete() has freed it. */
  live() {
    if (!this.raw) throw new Error(`${this.#kind}: used after delete()`);
    return this.raw;
  }

  /** @returns {{model: object, train: object, corpus: object, warnings: string[]}} the options in effect */
  get options() { return JSON.parse(this.live().optionsJson()); }
  /** Number of float32 parameters. */
  get parameterCount() { return this.live().parameterCount(); }
  /**
   * @param {{prefix: string, length?: number, temperature?: number, topK?: number, seed?: number}} options
   * @returns {{text: string, generated: string, prefixTokens: number,
   *            steps: {token: string, id: number, top: {token: string, id: number, p: number}[]}[]}}
   */
  generate(options) { return JSON.parse(this.live().generateJson(JSON.stringify(options ?? {}))); }
  /** @returns {{epoch: number|null, tokensSeen: number|null, totalSteps: number|null}} */
  get progress() { return JSON.parse(this.live().progressJson()); }
  /** The curve so far (Session.curve's points; a loaded checkpoint's first). */
  get curve() { return JSON.parse(this.live().curveJson()); }
  /** @returns {Uint8Array} the checkpoint bytes (format 2: what resumes the run) */
  save() { return this.live().save(); }
  /** Frees the C++ model. */
  delete() {
    if (this.raw) this.raw.delete();
    this.raw = null;
  }
}

/** @param {Uint8Array} bytes  @param {string} who  the call that errors name */
export function checkpointBytes(bytes, who) {
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`${who}: bytes must be a Uint8Array`);
  return bytes;
}
