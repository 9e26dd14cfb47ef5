/** 32-bit string and integer hashing for fingerprints: fast, stable across runs and platforms. */

/** FNV-1a over the string's UTF-16 code units. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** MurmurHash3's finalizer: spreads every input bit over the whole 32-bit result. */
export function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** An order-dependent combination of a running hash and the next value. */
export function combine(h: number, value: number): number {
  return mix((Math.imul(h, 0x9e3779b1) ^ value) >>> 0);
}
