/**
 * A channel's send rate as the store keeps it: the instants of its recent sends and a vendor's hold.
 * Both stores (DynamoDB, memory) decide with `takeSlot` and write the result with compare-and-set, so
 * concurrent senders (a doubled sweep, a run the board started) share one window.
 */
import type { RobotTarget, SendRate } from './ports.js';

/** DingTalk and WeCom both allow a robot 20 messages a minute; DingTalk locks one that exceeds it for 10 minutes. */
export const VENDOR_ROBOT_RATE: SendRate = { count: 20, windowMs: 60_000 };
/**
 * What the engine keeps to: the vendor's minute plus a margin, because it counts a message when the
 * vendor receives it and we count it when we start sending (before the claim and the request).
 */
export const ROBOT_SEND_RATE: SendRate = { count: VENDOR_ROBOT_RATE.count, windowMs: VENDOR_ROBOT_RATE.windowMs + 5_000 };
export const DINGTALK_LOCK_MS = 10 * 60_000;

export interface SendWindow {
  /** ISO instants of the sends still inside the window, oldest first. */
  sends: string[];
  heldUntil: string | null;
}

export type SlotDecision = { taken: true; window: SendWindow } | { taken: false; retryAt: string };

export function takeSlot(window: SendWindow, now: string, rate: SendRate): SlotDecision {
  if (window.heldUntil !== null && window.heldUntil > now) return { taken: false, retryAt: window.heldUntil };
  const since = new Date(Date.parse(now) - rate.windowMs).toISOString();
  const recent = window.sends.filter((at) => at > since).sort();
  if (recent.length >= rate.count) {
    const oldest = recent[recent.length - rate.count]!;
    return { taken: false, retryAt: new Date(Date.parse(oldest) + rate.windowMs).toISOString() };
  }
  return { taken: true, window: { sends: [...recent, now], heldUntil: window.heldUntil } };
}

/** A hold only ever grows: a shorter one arriving late does not release the channel early. */
export function held(window: SendWindow, until: string): SendWindow {
  return { ...window, heldUntil: window.heldUntil !== null && window.heldUntil > until ? window.heldUntil : until };
}

/** The channel a robot's rate is kept under: one secret holds one robot's credentials, whoever names it. */
export function robotChannel(robot: Pick<RobotTarget, 'vendor' | 'secret'>): string {
  return `${robot.vendor}:${robot.secret}`;
}
