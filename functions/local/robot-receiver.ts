/**
 * A local stand-in for the robot vendors' webhooks (local mode and the tests), on 127.0.0.1, checking
 * each request as the vendors do before it accepts a message:
 * - DingTalk (`POST /robot/send`): a known `access_token`; `timestamp` (ms) within an hour of this
 *   server's clock; `sign` = Base64(HMAC-SHA256(signSecret, timestamp + "\n" + signSecret)); at most
 *   20 messages a minute, after which the robot is locked for 10 minutes (errcode 130101).
 * - WeCom (`POST /cgi-bin/webhook/send`): a known `key`; markdown content of at most 4096 bytes; at most
 *   20 messages a minute (errcode 45009).
 * Every answer is HTTP 200 with `{errcode, errmsg}`, as theirs are. Accepted messages are kept in order.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dingTalkSign } from '../adapters/robots/robot-channel.js';
import { DINGTALK_LOCK_MS, VENDOR_ROBOT_RATE } from '../core/engine/send-rate.js';

/** A robot's credentials as its secret holds them (see functions/adapters/robots/robot-channel.ts). */
export interface RobotCredentials {
  accessToken?: string;
  signSecret?: string;
  key?: string;
}

export interface ReceivedRobotMessage {
  vendor: 'dingtalk' | 'wecom';
  /** The secret name the robot's credentials are kept under. */
  robot: string;
  title: string;
  markdown: string;
  receivedAt: string;
}

export interface RobotReceiver {
  endpoint: string;
  messages: ReceivedRobotMessage[];
  /** Requests refused, with the errcode given. */
  refused: { vendor: string; errcode: number; errmsg: string }[];
  stop(): Promise<void>;
}

const HOUR_MS = 60 * 60 * 1000;

export async function startRobotReceiver(options: { robots: Record<string, RobotCredentials>; clock?: () => Date; port?: number }): Promise<RobotReceiver> {
  const clock = options.clock ?? (() => new Date());
  const messages: ReceivedRobotMessage[] = [];
  const refused: RobotReceiver['refused'] = [];
  const recent = new Map<string, number[]>();
  const lockedUntil = new Map<string, number>();

  /** Counts the send against the robot's minute; false when it is over the rate. */
  const withinRate = (robot: string, now: number): boolean => {
    const sends = (recent.get(robot) ?? []).filter((at) => at > now - VENDOR_ROBOT_RATE.windowMs);
    if (sends.length >= VENDOR_ROBOT_RATE.count) return false;
    recent.set(robot, [...sends, now]);
    return true;
  };

  const dingtalk = (query: URLSearchParams, body: Record<string, unknown>): [number, string] => {
    const entry = Object.entries(options.robots).find(([, c]) => c.accessToken !== undefined && c.accessToken === query.get('access_token'));
    if (!entry) return [300001, 'token is not exist'];
    const [name, credentials] = entry;
    const now = clock().getTime();
    const timestamp = Number(query.get('timestamp'));
    if (!Number.isFinite(timestamp) || Math.abs(now - timestamp) > HOUR_MS) return [310000, 'timestamp is not within one hour of the server time'];
    const expected = Buffer.from(dingTalkSign(String(query.get('timestamp')), credentials.signSecret ?? ''));
    const given = Buffer.from(query.get('sign') ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return [310000, 'sign not match'];
    if ((lockedUntil.get(name) ?? 0) > now) return [130101, 'send too fast, exceed 20 times per minute'];
    if (!withinRate(name, now)) {
      lockedUntil.set(name, now + DINGTALK_LOCK_MS);
      return [130101, 'send too fast, exceed 20 times per minute'];
    }
    const markdown = body.markdown as { title?: unknown; text?: unknown } | undefined;
    if (body.msgtype !== 'markdown' || typeof markdown?.title !== 'string' || typeof markdown.text !== 'string') return [40035, 'missing parameter markdown.title or markdown.text'];
    messages.push({ vendor: 'dingtalk', robot: name, title: markdown.title, markdown: markdown.text, receivedAt: new Date(now).toISOString() });
    return [0, 'ok'];
  };

  const wecom = (query: URLSearchParams, body: Record<string, unknown>): [number, string] => {
    const entry = Object.entries(options.robots).find(([, c]) => c.key !== undefined && c.key === query.get('key'));
    if (!entry) return [93000, 'invalid webhook url'];
    const [name] = entry;
    const markdown = body.markdown as { content?: unknown } | undefined;
    if (body.msgtype !== 'markdown' || typeof markdown?.content !== 'string') return [40008, 'invalid message type'];
    if (Buffer.byteLength(markdown.content) > 4096) return [40058, 'markdown.content exceed max length 4096'];
    const now = clock().getTime();
    if (!withinRate(name, now)) return [45009, 'api freq out of limit'];
    messages.push({ vendor: 'wecom', robot: name, title: '', markdown: markdown.content, receivedAt: new Date(now).toISOString() });
    return [0, 'ok'];
  };

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const answer = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(value));
    };
    if (request.method === 'GET' && url.pathname === '/messages') return answer(200, { messages });
    const vendor = url.pathname === '/robot/send' ? 'dingtalk' : url.pathname === '/cgi-bin/webhook/send' ? 'wecom' : undefined;
    if (request.method !== 'POST' || !vendor) return answer(404, { errcode: 404, errmsg: `no such endpoint ${request.method} ${url.pathname}` });
    readJson(request)
      .then((body) => {
        const [errcode, errmsg] = vendor === 'dingtalk' ? dingtalk(url.searchParams, body) : wecom(url.searchParams, body);
        if (errcode !== 0) refused.push({ vendor, errcode, errmsg });
        answer(200, { errcode, errmsg });
      })
      .catch(() => {
        refused.push({ vendor, errcode: 40001, errmsg: 'invalid json' });
        answer(200, { errcode: 40001, errmsg: 'invalid json' });
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    messages,
    refused,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const value = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  if (typeof value !== 'object' || value === null) throw new Error('not an object');
  return value as Record<string, unknown>;
}
