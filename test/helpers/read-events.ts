import { readInputs, type ReadOptions } from '../../src/corpus/readers.js';
import type { ReadEvent } from '../../src/corpus/types.js';

/** Every event `readInputs` yields for the paths, in order. */
export async function collect(paths: string[], options?: ReadOptions): Promise<ReadEvent[]> {
  const events: ReadEvent[] = [];
  for await (const event of readInputs(paths, options)) events.push(event);
  return events;
}

export const docs = (events: ReadEvent[]) => events.flatMap((e) => (e.kind === 'document' ? [e.document] : []));
export const skips = (events: ReadEvent[]) => events.flatMap((e) => (e.kind === 'skip' ? [e.skip] : []));
export const warnings = (events: ReadEvent[]) => events.flatMap((e) => (e.kind === 'warning' ? [e] : []));
