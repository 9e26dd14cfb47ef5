/** Every failure a user can cause or meet has a stable code; the CLI maps codes to exit statuses. */
export type ErrorCode =
  | 'E_FILE_NOT_FOUND'
  | 'E_FILE_UNREADABLE'
  | 'E_BINARY_INPUT'
  | 'E_EMPTY_INPUT'
  | 'E_BAD_ARGUMENT'
  | 'E_BAD_FORMAT'
  | 'E_LEXICON_MISSING'
  | 'E_STORE_UNREACHABLE'
  | 'E_STORE_NOT_CLUSTER'
  | 'E_INTERNAL';

export class UnspinError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnspinError';
    this.code = code;
  }

  /** True when the user can fix it (exit 1); false for our own faults (exit 2). */
  get isUserError(): boolean {
    return this.code !== 'E_INTERNAL' && this.code !== 'E_LEXICON_MISSING';
  }
}
