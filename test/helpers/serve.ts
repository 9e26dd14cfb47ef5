import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface Server {
  readonly url: string;
  readonly child: ChildProcess;
  /** What the server has written to stderr so far. */
  readonly stderr: () => string;
}

/** Starts `unspin serve` (the built CLI) on a free port and waits for the line that gives its address. */
export function serve(args: string[]): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const m = /serving (http:\/\/\S+)/.exec(stderr);
      if (m?.[1]) resolve({ url: m[1], child, stderr: () => stderr });
    });
    child.on('exit', (code) => reject(new Error(`unspin serve exited with ${code}: ${stderr}`)));
  });
}
