import type { Cluster } from '../corpus/types.js';

/** Long work the API runs in the background, and how far it got: what `GET /api/jobs/:id` returns. */
export interface Job {
  readonly id: string;
  readonly kind: string;
  state: 'running' | 'done' | 'failed';
  /** What done and total count: bytes of input (an upload), or documents (a scan). */
  readonly unit: 'bytes' | 'documents';
  done: number;
  total: number;
  readonly started: string;
  finished?: string;
  error?: string;
  /** What the work gave, for work that gives something (an upload's summary). */
  result?: unknown;
}

/** A page of the last scan's clusters (`GET /api/clusters`); `scanned` is null before the first scan. */
export interface ClusterPage {
  readonly scanned: string | null;
  readonly compared: number;
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
  readonly clusters: readonly Cluster[];
}
