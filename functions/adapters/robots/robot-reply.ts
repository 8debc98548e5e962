/**
 * What a robot's reply means. Both vendors answer HTTP 200 with `{"errcode": 0, "errmsg": "ok"}`; a
 * "success" that carries another errcode is a failure, permanent or transient by its code. A code not
 * listed is transient: the message is tried again (at most MAX_MAIL_ATTEMPTS times), never dropped on a guess.
 */
import { MailTransportError, RobotLockedError, type RobotTarget } from '../../core/engine/ports.js';
import { DINGTALK_LOCK_MS } from '../../core/engine/send-rate.js';

/** Codes no retry fixes: the robot's configuration is wrong (token, key, keyword, signature, IP), or the message is. */
const PERMANENT: Record<RobotTarget['vendor'], ReadonlySet<number>> = {
  // 300001 invalid token; 310000 keyword, signature or IP not allowed; 400013 group not found; 430101 message too long.
  dingtalk: new Set([300001, 310000, 400013, 430101]),
  // 93000 invalid webhook URL or key; 40008 invalid message type; 40058 a field is invalid; 93004 robot removed.
  wecom: new Set([93000, 40008, 40058, 93004]),
};
/** DingTalk: "sending too fast" (over 20 a minute): the robot is locked for 10 minutes. */
const DINGTALK_TOO_FAST = 130101;

export async function readRobotReply(vendor: RobotTarget['vendor'], response: Response): Promise<void> {
  const body = await response.text();
  if (!response.ok) {
    // A gateway error or throttle is the moment's; any other refusal is the request's.
    throw new MailTransportError(`${vendor} answered HTTP ${response.status}: ${body.slice(0, 200)}`, !(response.status >= 500 || response.status === 429));
  }
  let reply: { errcode?: unknown; errmsg?: unknown };
  try {
    reply = JSON.parse(body) as typeof reply;
  } catch {
    throw new MailTransportError(`${vendor} answered with something that is not JSON: ${body.slice(0, 200)}`, false);
  }
  const code = typeof reply.errcode === 'number' ? reply.errcode : Number.NaN;
  if (code === 0) return;
  const what = `${vendor} errcode ${String(reply.errcode)}: ${String(reply.errmsg ?? '')}`;
  if (vendor === 'dingtalk' && code === DINGTALK_TOO_FAST) throw new RobotLockedError(what, DINGTALK_LOCK_MS);
  throw new MailTransportError(what, PERMANENT[vendor].has(code));
}
