import type { Command } from 'commander';

export function registerCompare(program: Command): void {
  void program;
}
