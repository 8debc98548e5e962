/** Runs the fazhi CLI in-process and captures what it prints. */
import { main } from '../../functions/cli/main.js';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** With the process's environment (what `fazhi` on the command line sees). */
export async function runCli(...args: string[]): Promise<CliResult> {
  return run(undefined, args);
}

/** With the given environment instead of the process's: nothing is read from, or written to, process.env. */
export async function runCliWithEnv(env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliResult> {
  return run(env, args);
}

async function run(env: NodeJS.ProcessEnv | undefined, args: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const io = {
    out: (text: string) => (out += text.endsWith('\n') ? text : `${text}\n`),
    err: (text: string) => (err += text.endsWith('\n') ? text : `${text}\n`),
  };
  const code = await main(['node', 'fazhi', ...args], io, env);
  return { code, out, err };
}
