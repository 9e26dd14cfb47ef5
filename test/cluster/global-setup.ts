import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startCluster, stopCluster, stopNode } from '../../scripts/redis-cluster.js';

/** A cluster of its own for the tests, on ports apart from the one `npm run cluster:start` makes. */
const PORTS = [7101, 7102, 7103];

declare module 'vitest' {
  export interface ProvidedContext {
    redisCluster: { address: string; ports: number[]; dir: string };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Nodes left running by a run that was killed would be a cluster of another folder: a fresh one is wanted.
  await Promise.all(PORTS.map(stopNode));
  const dir = mkdtempSync(join(tmpdir(), 'unspin-cluster-'));
  const { address } = await startCluster({ ports: PORTS, dir });
  project.provide('redisCluster', { address, ports: PORTS, dir });
  return () => stopCluster({ ports: PORTS, dir });
}
