import { SingleBar } from 'cli-progress';

/** A progress bar on stderr for long batch work, shown only when stderr is a terminal. */
export interface Progress {
  tick(): void;
  stop(): void;
}

export function progress(label: string, total: number): Progress {
  if (process.stderr.isTTY !== true) return { tick: () => {}, stop: () => {} };
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${label} [{bar}] {value}/{total} ({percentage}%), {eta_formatted} left`,
    barsize: 30,
    hideCursor: true,
    clearOnComplete: true,
  });
  bar.start(total, 0);
  return { tick: () => bar.increment(), stop: () => bar.stop() };
}
