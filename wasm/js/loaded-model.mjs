// A model loaded from checkpoint bytes without a corpus: `seqlab.LoadedModel.load(bytes)` (or
// `seqlab.Trainer.load(bytes)`, which gives the same). It generates, says its options, progress and curve,
// and saves back the same bytes; it has no run(), evaluate() or setOptions(): to continue its run, load the
// bytes with the corpus it was trained on (`seqlab.Trainer.load(bytes, corpus)`).
import { LanguageModel, checkpointBytes } from './language-model.mjs';

/**
 * @param {object} api  the object createSeqlab() resolves to; gets `api.LoadedModel`
 * @param {object} raw  the Embind module
 */
export function install(api, raw) {
  class LoadedModel extends LanguageModel {
    /** @param {object} rawModel  a raw.LoadedModel (use LoadedModel.load) */
    constructor(rawModel) {
      if (!(rawModel instanceof raw.LoadedModel)) {
        throw new TypeError('LoadedModel: use seqlab.LoadedModel.load(bytes) (or seqlab.Trainer.load(bytes))');
      }
      super(rawModel, 'LoadedModel');
    }

    /** @param {Uint8Array} bytes  a checkpoint written by save() */
    static load(bytes) {
      return new LoadedModel(raw.LoadedModel.load(checkpointBytes(bytes, 'LoadedModel.load')));
    }

    /** Whether run() trains: never for a model loaded without a corpus (kept for callers of Trainer.load). */
    get resumable() { return false; }
  }
  api.LoadedModel = LoadedModel;
}
