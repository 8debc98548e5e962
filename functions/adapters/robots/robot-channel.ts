/**
 * The RobotChannel over HTTPS: DingTalk custom robots and WeCom group robots. The credentials come from
 * the secret the calendar names (read through `secret(name)`, cached by the runtime), never from the
 * calendar: DingTalk's `{"accessToken", "signSecret"}`, WeCom's `{"key"}` (JSON).
 *
 * `endpoint` (local mode and tests) replaces the vendors' origin with a local receiver's, as the
 * *_ENDPOINT variables do for the AWS emulators; the path and query stay the vendor's.
 */
import { createHmac } from 'node:crypto';
import { MailTransportError, type RobotChannel, type RobotMessage, type RobotTarget } from '../../core/engine/ports.js';
import { readRobotReply } from './robot-reply.js';

const TIMEOUT_MS = 10_000;

export interface RobotChannelOptions {
  secret: (name: string) => Promise<string>;
  clock: () => Date;
  endpoint?: string | undefined;
  fetch?: typeof fetch;
}

/** DingTalk's signature: Base64 of HMAC-SHA256 over "timestamp\nsecret" keyed by the secret (URL-encoded by URLSearchParams). */
export function dingTalkSign(timestamp: string, signSecret: string): string {
  return createHmac('sha256', signSecret).update(`${timestamp}\n${signSecret}`).digest('base64');
}

export class HttpRobotChannel implements RobotChannel {
  constructor(private readonly options: RobotChannelOptions) {}

  async send(message: RobotMessage): Promise<string> {
    const { robot } = message;
    const credentials = await this.credentials(robot);
    const url = new URL(robot.webhook);
    if (this.options.endpoint) {
      const local = new URL(this.options.endpoint);
      url.protocol = local.protocol;
      url.host = local.host;
    }
    let body: unknown;
    const timestamp = String(this.options.clock().getTime());
    if (robot.vendor === 'dingtalk') {
      url.searchParams.set('access_token', credentials.accessToken ?? '');
      url.searchParams.set('timestamp', timestamp);
      url.searchParams.set('sign', dingTalkSign(timestamp, credentials.signSecret ?? ''));
      body = { msgtype: 'markdown', markdown: { title: message.title, text: message.markdown } };
    } else {
      url.searchParams.set('key', credentials.key ?? '');
      body = { msgtype: 'markdown', markdown: { content: message.markdown } };
    }
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new MailTransportError(`${robot.vendor} robot unreachable: ${(error as Error).message}`, false);
    }
    await readRobotReply(robot.vendor, response);
    return `${robot.vendor}:${timestamp}`;
  }

  private async credentials(robot: RobotTarget): Promise<{ accessToken?: string; signSecret?: string; key?: string }> {
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(await this.options.secret(robot.secret)) as Record<string, unknown>;
    } catch (error) {
      // The message is not at fault: once the secret is there, it goes.
      throw new MailTransportError(`robot secret "${robot.secret}" cannot be read: ${(error as Error).message}`, false);
    }
    // DingTalk robots are used with signing (加签) only: a leaked token alone cannot post.
    for (const field of robot.vendor === 'dingtalk' ? ['accessToken', 'signSecret'] : ['key']) {
      if (typeof value[field] !== 'string' || value[field] === '') throw new MailTransportError(`robot secret "${robot.secret}" has no "${field}"`, false);
    }
    return value as { accessToken?: string; signSecret?: string; key?: string };
  }
}
