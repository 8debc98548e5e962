/**
 * A group robot an office is reminded in, beside its e-mail: a DingTalk custom robot (钉钉/政务钉钉) or a
 * WeCom group robot (企业微信/政务微信). The calendar names the vendor, the webhook and the NAME of the
 * secret that holds the robot's credentials; the credentials themselves (DingTalk's access_token and
 * signing secret, WeCom's key) never go into a calendar file, which is committed and shipped in plans.json.
 */
import { z } from 'zod';

export const RobotVendor = z.enum(['dingtalk', 'wecom']);
export type RobotVendor = z.infer<typeof RobotVendor>;

/** The only hosts a webhook may point at, per vendor (https only). Local mode redirects them to its receivers instead. */
export const ROBOT_HOSTS: Record<RobotVendor, readonly string[]> = {
  dingtalk: ['oapi.dingtalk.com'],
  wecom: ['qyapi.weixin.qq.com'],
};

/** Query parameters that carry a credential: they belong in the secret, not in the file. */
const CREDENTIAL_PARAMS = ['access_token', 'key', 'sign', 'secret', 'timestamp'];

/** A secret's name: a Secrets Manager name below the stack's robot prefix, or a key of `.fazhi/secrets.json` locally. */
const SECRET_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** What a credential looks like: DingTalk signing secrets are "SEC" and 64 hex digits; tokens and keys are long hex or UUIDs. */
const LOOKS_LIKE_CREDENTIAL = /^SEC[0-9a-f]{16,}$|^[0-9a-f]{32,}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function webhookProblem(vendor: RobotVendor, webhook: string): string | undefined {
  let url: URL;
  try {
    url = new URL(webhook);
  } catch {
    return `"${webhook}" is not a URL`;
  }
  if (url.protocol !== 'https:') return `a robot webhook must be https, not ${url.protocol.replace(':', '')}`;
  const hosts = ROBOT_HOSTS[vendor];
  if (!hosts.includes(url.hostname)) return `"${url.hostname}" is not a ${vendor} host (${hosts.join(', ')})`;
  const credentials = CREDENTIAL_PARAMS.filter((name) => url.searchParams.has(name));
  if (credentials.length > 0) return `the webhook carries a credential (${credentials.join(', ')}): leave it out and put it in the robot's secret (see calendars/README.md)`;
  return undefined;
}

export const Robot = z
  .object({
    vendor: RobotVendor,
    /** The vendor's send URL without its credentials, e.g. "https://oapi.dingtalk.com/robot/send". */
    webhook: z.string(),
    /** The name of the secret holding the credentials (never the credentials). */
    secret: z.string().superRefine((name, ctx) => {
      if (LOOKS_LIKE_CREDENTIAL.test(name)) ctx.addIssue({ code: 'custom', message: 'this looks like the secret itself: write the NAME of a secret here, never its value (see calendars/README.md)' });
      else if (!SECRET_NAME.test(name)) ctx.addIssue({ code: 'custom', message: 'a secret name is lowercase letters, digits and dashes, at most 64 (e.g. "kjj-policy-dingtalk")' });
    }),
  })
  .superRefine((robot, ctx) => {
    const problem = webhookProblem(robot.vendor, robot.webhook);
    if (problem) ctx.addIssue({ code: 'custom', path: ['webhook'], message: problem });
  });
export type Robot = z.infer<typeof Robot>;

/** An office's robots: at most 3, each once (a robot named twice would get each message twice). */
export const Robots = z
  .array(Robot)
  .max(3, 'at most 3 robots per office')
  .superRefine((robots, ctx) => {
    robots.forEach((robot, index) => {
      if (robots.findIndex((other) => other.vendor === robot.vendor && other.secret === robot.secret) < index) {
        ctx.addIssue({ code: 'custom', path: [index, 'secret'], message: `the ${robot.vendor} robot "${robot.secret}" is already listed for this office` });
      }
    });
  });
