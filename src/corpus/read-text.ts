import { readFileSync, statSync } from 'node:fs';
import { UnspinError } from '../errors.js';

// A NUL byte or many control characters in the first bytes mean the file is not text.
const SNIFF_BYTES = 8192;

/** Whether the first bytes of a file look binary (a NUL byte, or more than 10% control characters). */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return n > 0 && control / n > 0.1;
}

// "-" names standard input, as in most Unix tools.
const STDIN = '-';
// Read by descriptor: touching process.stdin would make a pipe non-blocking and the read fail with EAGAIN.
const STDIN_FD = 0;

/** Reads a text file ("-": standard input) as UTF-8 (a BOM is dropped), refusing what is missing, unreadable, binary or empty. */
export function readTextFile(path: string): string {
  const name = path === STDIN ? 'standard input' : path;
  let bytes: Buffer;
  try {
    if (path !== STDIN && statSync(path).isDirectory()) throw new UnspinError('E_FILE_UNREADABLE', `${path} is a folder, not a text file`);
    bytes = readFileSync(path === STDIN ? STDIN_FD : path);
  } catch (error) {
    if (error instanceof UnspinError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UnspinError('E_FILE_NOT_FOUND', `no such file: ${path}`);
    throw new UnspinError('E_FILE_UNREADABLE', `cannot read ${name}: ${code ?? String(error)}`);
  }
  if (looksBinary(bytes)) throw new UnspinError('E_BINARY_INPUT', `${name} looks like a binary file, not text`);
  const text = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
  if (text.trim().length === 0) throw new UnspinError('E_EMPTY_INPUT', `${name} is empty`);
  return text;
}
