import { UnspinError } from '../errors.js';

/** Exit statuses: 0 ok, 1 the user's mistake, 2 our fault. */
export const EXIT_USER = 1;
export const EXIT_INTERNAL = 2;

let debug = false;
export function setDebug(on: boolean): void {
  debug = on;
}

/** The one place that turns a thrown error into a message and an exit status. */
export function reportError(error: unknown): void {
  if (error instanceof UnspinError && error.isUserError) {
    process.stderr.write(`unspin: ${error.message}\n`);
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exitCode = EXIT_USER;
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`unspin: internal error: ${message}${debug ? '' : ' (run with --debug for details)'}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exitCode = EXIT_INTERNAL;
}

/** Wraps a command action so every failure goes through reportError. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void> | void): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (error) {
      reportError(error);
    }
  };
}
