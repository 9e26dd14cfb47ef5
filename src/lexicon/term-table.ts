/** Every string the lexicon knows, as UTF-8 bytes with an open-addressing hash index in typed arrays. */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const EMPTY = -1;

const encoder = new TextEncoder();

/** FNV-1a over UTF-8 bytes: the cache stores bytes, so build and run time must hash the same thing. */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = FNV_OFFSET;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ (bytes[i] as number), FNV_PRIME);
  return hash >>> 0;
}

export interface TermTableArrays {
  termBytes: Uint8Array;
  termStart: Uint32Array;
  termSlots: Int32Array;
}

/** Read-only term ↔ id lookup over cached arrays; no JS strings are built until asked for. */
export class TermTable {
  readonly size: number;
  private readonly bytes: Buffer;
  private readonly start: Uint32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly texts: (string | undefined)[];

  constructor({ termBytes, termStart, termSlots }: TermTableArrays) {
    this.bytes = Buffer.from(termBytes.buffer, termBytes.byteOffset, termBytes.byteLength);
    this.start = termStart;
    this.slots = termSlots;
    this.mask = termSlots.length - 1;
    this.size = termStart.length - 1;
    this.texts = [];
  }

  /** The id of a term, or -1 when unknown. */
  id(word: string): number {
    let hash = FNV_OFFSET;
    for (let i = 0; i < word.length; i++) {
      const code = word.charCodeAt(i);
      if (code >= 0x80) return this.idOfBytes(encoder.encode(word));
      hash = Math.imul(hash ^ code, FNV_PRIME);
    }
    const { bytes, start, slots, mask } = this;
    for (let slot = (hash >>> 0) & mask; ; slot = (slot + 1) & mask) {
      const id = slots[slot] as number;
      if (id === EMPTY) return -1;
      const from = start[id] as number;
      if ((start[id + 1] as number) - from !== word.length) continue;
      let i = 0;
      while (i < word.length && bytes[from + i] === word.charCodeAt(i)) i++;
      if (i === word.length) return id;
    }
  }

  text(id: number): string {
    let text = this.texts[id];
    if (text === undefined) {
      text = this.bytes.toString('utf8', this.start[id], this.start[id + 1]);
      this.texts[id] = text;
    }
    return text;
  }

  private idOfBytes(word: Uint8Array): number {
    const { bytes, start, slots, mask } = this;
    for (let slot = hashBytes(word, 0, word.length) & mask; ; slot = (slot + 1) & mask) {
      const id = slots[slot] as number;
      if (id === EMPTY) return -1;
      const from = start[id] as number;
      if ((start[id + 1] as number) - from !== word.length) continue;
      if (bytes.compare(word, 0, word.length, from, from + word.length) === 0) return id;
    }
  }
}

/** Build-time counterpart: hands out ids in insertion order and lays out the cached arrays. */
export class TermTableBuilder {
  private readonly ids = new Map<string, number>();
  private readonly terms: string[] = [];

  get size(): number {
    return this.terms.length;
  }

  id(term: string): number | undefined {
    return this.ids.get(term);
  }

  add(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
    }
    return id;
  }

  term(id: number): string {
    const term = this.terms[id];
    if (term === undefined) throw new RangeError(`no term ${id}`);
    return term;
  }

  toArrays(): TermTableArrays {
    const termBytes = Buffer.from(this.terms.join(''), 'utf8');
    const termStart = new Uint32Array(this.terms.length + 1);
    let offset = 0;
    this.terms.forEach((term, id) => {
      termStart[id] = offset;
      offset += Buffer.byteLength(term, 'utf8');
    });
    termStart[this.terms.length] = offset;

    // Load factor under one half keeps probe chains short.
    let capacity = 1;
    while (capacity < this.terms.length * 2) capacity *= 2;
    const termSlots = new Int32Array(capacity).fill(EMPTY);
    for (let id = 0; id < this.terms.length; id++) {
      let slot = hashBytes(termBytes, termStart[id] as number, termStart[id + 1] as number) & (capacity - 1);
      while (termSlots[slot] !== EMPTY) slot = (slot + 1) & (capacity - 1);
      termSlots[slot] = id;
    }
    return { termBytes: new Uint8Array(termBytes.buffer, termBytes.byteOffset, termBytes.byteLength), termStart, termSlots };
  }
}
