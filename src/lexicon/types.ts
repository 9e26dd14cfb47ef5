/** How two words relate in meaning, strongest first. */
export type Kinship = 'same' | 'synonym' | 'related' | 'none';

/**
 * What words mean and which go together, from npm-shipped WordNet 3.1 and GloVe-style vectors.
 * All words are lower-case single tokens unless said otherwise.
 */
export interface Lexicon {
  /** Dictionary form ("talks" → "talk", "was" → "be", "better" → "good"); the word itself when unknown. */
  lemma(word: string): string;
  /**
   * 'same' when the lemmas are equal; 'synonym' when WordNet puts them in one synset, or in synsets
   * linked by similar-to / also-see / verb group / derivation; 'related' when linked by one hypernym
   * or hyponym hop, or when their vectors are close; 'none' otherwise.
   */
  kinship(a: string, b: string): Kinship;
  /** Cosine of the two word vectors, or undefined when either word has none. */
  similarity(a: string, b: string): number | undefined;
  /** Unit-length word vector, or undefined. */
  vector(word: string): Float32Array | undefined;
  /** Frequency rank (1 = most frequent) in the vectors' training corpus, or undefined when unknown. */
  rank(word: string): number | undefined;
  /** The word of a frequency rank (1 = most frequent), or undefined past the last ranked word. */
  wordAt(rank: number): string | undefined;
  /** True when the space-joined lemmas are a WordNet multi-word expression ("think tank", "secretary of state"). */
  isExpression(phrase: string): boolean;
  /** WordNet synonyms of a word (all senses, multi-word ones with spaces), most common senses first. */
  synonyms(word: string): readonly string[];
}
