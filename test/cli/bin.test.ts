import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('the unspin command', () => {
  it('runs as `npx unspin` in the package, as built by npm (the bin is executable)', () => {
    const r = spawnSync('npx', ['--no', '--', 'unspin', '--version'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/denied/i);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });
});
