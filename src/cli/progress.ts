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

/** A progress bar for work that reports how much of it is done, shown from its first report. */
export function countBar(label: string, unit: string): { update(done: number, total: number): void; stop(): void } {
  if (process.stderr.isTTY !== true) return { update: () => {}, stop: () => {} };
  let bar: SingleBar | undefined;
  return {
    update(done, total) {
      if (!bar) {
        bar = new SingleBar({
          stream: process.stderr,
          format: `${label} [{bar}] {value}/{total} ${unit} | {eta_formatted} left`,
          barsize: 30,
          hideCursor: true,
          clearOnComplete: true,
        });
        bar.start(total, done);
      }
      bar.update(done);
    },
    stop: () => bar?.stop(),
  };
}

/** A progress bar for a distributed run: its jobs done of those queued so far, per step, and the failures. */
export function runBar(): { update(step: string, done: number, jobs: number, failed: number): void; stop(): void } {
  if (process.stderr.isTTY !== true) return { update: () => {}, stop: () => {} };
  const bar = new SingleBar({
    stream: process.stderr,
    format: '{step} [{bar}] {value}/{total} jobs{failed}, {eta_formatted} left',
    barsize: 30,
    hideCursor: true,
    clearOnComplete: true,
  });
  let started = false;
  let shown = '';
  return {
    update(step, done, jobs, failed) {
      const payload = { step, failed: failed > 0 ? `, ${failed} failed` : '' };
      if (!started || step !== shown) {
        if (started) bar.stop();
        bar.start(Math.max(1, jobs), done, payload);
        started = true;
        shown = step;
      }
      bar.setTotal(Math.max(1, jobs));
      bar.update(done, payload);
    },
    stop: () => started && bar.stop(),
  };
}
