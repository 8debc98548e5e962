/** The runtime shared by every handler in this bundle, created once at cold start. */
import { readEnv } from '../adapters/env.js';
import { createRuntime } from '../adapters/runtime.js';

export const runtime = createRuntime(readEnv());

const LEVELS = ['info', 'warn', 'error', 'silent'] as const;
const threshold = LEVELS.indexOf(runtime.env.LOG_LEVEL ?? 'info');

/** Logs one structured line (CloudWatch Logs Insights can query the fields). */
export function log(level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown> = {}): void {
  if (LEVELS.indexOf(level) < threshold) return;
  const line = JSON.stringify({ level, message, ...fields });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}
