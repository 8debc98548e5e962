/**
 * The group robots' channel, for the sweep: credentials by the secret names the calendars give, from
 * `ROBOT_SECRETS` (a JSON object of name → credentials: local mode and tests) or Secrets Manager under
 * `ROBOT_SECRET_PREFIX` (default fazhi/robots/). `ROBOT_ENDPOINT` sends to a local receiver instead of
 * the vendors' hosts.
 */
import type { RobotChannel } from '../../core/engine/ports.js';
import { type Env, EnvironmentError } from '../env.js';
import { HttpRobotChannel } from '../robots/robot-channel.js';
import { ROBOT_SECRET_PREFIX } from '../robots/robot-secret-prefix.js';
import type { SecretSource } from './mail-part.js';

export function robotPosts(env: Env, secret: SecretSource, clock: () => Date): RobotChannel {
  const local = env.ROBOT_SECRETS ? (JSON.parse(env.ROBOT_SECRETS) as Record<string, unknown>) : undefined;
  const prefix = env.ROBOT_SECRET_PREFIX ?? ROBOT_SECRET_PREFIX;
  return new HttpRobotChannel({
    clock,
    endpoint: env.ROBOT_ENDPOINT,
    secret: async (name) => {
      if (!local) return secret(undefined, `${prefix}${name}`, name);
      const value = local[name];
      if (value === undefined) throw new EnvironmentError(`no robot secret "${name}" in ROBOT_SECRETS`);
      return typeof value === 'string' ? value : JSON.stringify(value);
    },
  });
}
