import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `../shared` beside the repository: development data that a user's fresh clone does not have. */
export const SHARED_DIR = fileURLToPath(new URL('../../shared/', import.meta.url));

/** The path of a file or folder under ../shared, or undefined (after saying so) when absent. */
export function sharedPath(relative: string): string | undefined {
  const path = SHARED_DIR + relative;
  if (existsSync(path)) return path;
  console.log(`skipped: ../shared/${relative} not found (development data is not part of the repository)`);
  return undefined;
}
