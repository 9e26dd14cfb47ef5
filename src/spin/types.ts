/** One row of a spin lexicon: a spinner's phrase and the wording it replaced. */
export interface SpinPair {
  /** The phrase as the spinner wrote it ("counterfeit consciousness"). */
  readonly tortured: string;
  /** The wording it stands for ("artificial intelligence"). */
  readonly expected: string;
  /** How often it was seen: papers for an imported list, verified documents for the learned store; 1 when unknown. */
  readonly count: number;
}

/** A suspect phrase found in a text, with the most likely original wording. */
export interface Finding {
  /** Character offsets into the original input, [start, end). */
  readonly start: number;
  readonly end: number;
  /** The suspect phrase as written. */
  readonly text: string;
  /** The most likely original wording. */
  readonly suggestion: string;
  /** 0–1. */
  readonly confidence: number;
  /** Why, in words. */
  readonly evidence: string;
  /**
   * Set when only the language model's reading of a text that reads spun backs the finding and the models are not sure
   * of the original: the word is likelier a spinner's than not, but the suggestion is a guess (such suggestions name the
   * replaced word about a third of the time), so `restore` leaves it. Unset on the surer ones, which `restore` applies.
   */
  readonly guess?: true;
}

/** What `inspect` says about one text. */
export interface Inspection {
  /** Whether the whole text reads as a synonym spinner's output (spunProbability at or above the model's threshold). */
  readonly spun: boolean;
  /** 0–1, calibrated on labelled real pages: the chance the text is a spinner's output, from how much likelier its words' synonyms read. */
  readonly spunProbability: number;
  /** 0–1: how strongly the whole text shows a spinner's fingerprints, comparable across lengths. */
  readonly spinScore: number;
  /**
   * With an imported spin list: 0–1, the chance that the text is of the field the list came from. Elsewhere (a news
   * report inspected with a list of tortured phrases from papers) the list's word swaps are weighed at that chance.
   */
  readonly listField?: number;
  readonly findings: readonly Finding[];
}

/** One change `restore` made. Offsets are into the input text. */
export interface RestoreChange {
  readonly start: number;
  readonly end: number;
  readonly from: string;
  readonly to: string;
  readonly confidence: number;
  readonly evidence: string;
  /** What settled it: the other copies, aligned with this one, or the inspection of this text alone. */
  readonly source: 'copies' | 'inspection';
}

export interface Restoration {
  /** The most likely original text. */
  readonly text: string;
  readonly changes: readonly RestoreChange[];
}
