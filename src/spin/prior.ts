/**
 * A detector learns how often its candidates are a spinner's from its training texts, where a tortured phrase sits in
 * every other sentence; in a real document a spinner's phrases may be one in hundreds of candidates, or none. Read
 * with the training's odds, a long clean text collects the rare candidate that looks spun by chance. So the
 * probabilities are re-weighed to the text's own share of spun candidates, estimated from the probabilities themselves
 * by expectation-maximization (Saerens, Latinne and Decaestecker, "Adjusting the outputs of a classifier to new a
 * priori probabilities: a simple procedure", Neural Computation 14, 2002). The estimate counts PSEUDO_CANDIDATES
 * candidates at the training share beside the text's own (about a page's worth), so that a sentence or a paragraph,
 * which says little about its own share, keeps the training's odds, and a long text is read at its own. Where more is
 * known of the text beforehand (that it is not of the field a spin list came from, list-field.ts), the pseudo-candidates
 * sit at that prior share instead.
 */

/** Candidates at the training share that the text's own estimate starts from. */
export const PSEUDO_CANDIDATES = 200;
const ROUNDS = 20;

/** p re-weighed from a training share of positives to a text's share. */
function reweigh(p: number, trainingShare: number, textShare: number): number {
  const positive = (textShare / trainingShare) * p;
  const negative = ((1 - textShare) / (1 - trainingShare)) * (1 - p);
  return positive + negative > 0 ? positive / (positive + negative) : 0;
}

/** The probabilities re-weighed to the share of positives the text itself shows, starting from a prior share. */
export function adaptToText(probabilities: readonly number[], trainingShare: number, priorShare = trainingShare): number[] {
  if (probabilities.length === 0 || !(trainingShare > 0 && trainingShare < 1)) return [...probabilities];
  let share = priorShare;
  let adapted = [...probabilities];
  for (let round = 0; round < ROUNDS; round++) {
    adapted = probabilities.map((p) => reweigh(p, trainingShare, share));
    const next = (adapted.reduce((s, p) => s + p, 0) + PSEUDO_CANDIDATES * priorShare) / (probabilities.length + PSEUDO_CANDIDATES);
    if (Math.abs(next - share) < 1e-4) {
      share = next;
      break;
    }
    share = next;
  }
  return probabilities.map((p) => reweigh(p, trainingShare, share));
}
