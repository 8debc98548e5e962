/** One structured JSON line per event, so CloudWatch Logs Insights can query the fields. */
export type LogLevel = 'info' | 'warn' | 'error' | 'silent';
export type Log = (level: Exclude<LogLevel, 'silent'>, message: string, fields?: Record<string, unknown>) => void;

const LEVELS: readonly LogLevel[] = ['info', 'warn', 'error', 'silent'];

export function createLogger(threshold: LogLevel): Log {
  const min = LEVELS.indexOf(threshold);
  return (level, message, fields = {}) => {
    if (LEVELS.indexOf(level) < min) return;
    const line = JSON.stringify({ level, message, ...fields });
    if (level === 'error') console.error(line);
    else if (level === 'warn') console.warn(line);
    else console.log(line);
  };
}
