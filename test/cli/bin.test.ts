import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; bin: { unspin: string } };

describe('the unspin command', () => {
  // npm links the package's bin as it is, so `npx unspin` runs only if the built file is executable
  // and starts with a shebang. Running the file itself checks both without npm's start-up time.
  it('runs the bin file of package.json as a program (executable, with a shebang)', () => {
    const r = spawnSync(join(ROOT, pkg.bin.unspin), ['--version'], { encoding: 'utf8', timeout: 30_000 });
    expect(r.error?.message ?? '').not.toMatch(/EACCES/);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  }, 40_000);
});
