import type { Command } from 'commander';

export function registerAlign(program: Command): void {
  void program;
}
