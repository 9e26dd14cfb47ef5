import type { Command } from 'commander';

export function registerPairs(program: Command): void {
  void program;
}
