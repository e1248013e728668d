// Worker handlers about the engine itself.
export const engineHandlers = {
  /** @returns {import('../protocol.js').EngineInfo} */
  'engine-info': (_payload, { seqlab }) => ({
    version: seqlab.version, simd: seqlab.simd, target: seqlab.target,
  }),
};
