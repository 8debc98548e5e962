/** Runs the fazhi CLI in-process and captures what it prints. */
import { main } from '../../functions/cli/main.js';

export async function runCli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'fazhi', ...args], {
    out: (text) => (out += text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => (err += text.endsWith('\n') ? text : `${text}\n`),
  });
  return { code, out, err };
}
