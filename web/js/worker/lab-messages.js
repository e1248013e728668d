// Pure helpers of the worker that turn engine results into the lab's messages (no DOM). Shapes: the lab
// messages of web/js/protocol.js and web/js/lab/README.md.

/** Gate values counted as saturated: sigma' = sigma (1 - sigma) < 0.0475 there. */
export const SATURATION = { low: 0.05, high: 0.95 };

/**
 * The share of gate activations below 0.05 or above 0.95, over every gate, step and unit.
 * @param {Object<string, ArrayLike<number>|number[][]>} gates  e.g. model.gateActivations(...) ({'l0.z': Float32Array(T*H)})
 */
export function saturatedShare(gates, { low, high } = SATURATION) {
  let saturated = 0;
  let total = 0;
  for (const values of Object.values(gates)) {
    for (const v of Array.isArray(values) && Array.isArray(values[0]) ? values.flat() : values) {
      total += 1;
      if (v < low || v > high) saturated += 1;
    }
  }
  return total ? saturated / total : NaN;
}

/** lab-flow's cells from each trainer's lossAndGradients(..., {lossSteps: 'last'}).hiddenGradNorms (top layer). */
export function flowMessage(hiddenGradNormsByCell) {
  const cells = {};
  let T = 0;
  for (const [cell, perLayer] of Object.entries(hiddenGradNormsByCell)) {
    if (!perLayer?.length) continue;
    const norms = Array.from(perLayer[perLayer.length - 1]);
    cells[cell] = { norms };
    T = Math.max(T, norms.length);
  }
  return { T, cells };
}

/** lab-gates from model.gateActivations(inputs, T) and the snippet's characters. */
export function gatesMessage(characters, activations, saturation = []) {
  const text = Array.from(characters);
  for (const [name, values] of Object.entries(activations)) {
    if (values.length % text.length !== 0) {
      throw new Error(`lab-gates: ${name} has ${values.length} values, not a multiple of the ${text.length} characters`);
    }
  }
  return { text, gates: Object.fromEntries(Object.entries(activations).map(([k, v]) => [k, Array.from(v)])), saturation };
}
