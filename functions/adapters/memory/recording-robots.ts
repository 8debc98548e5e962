/** A RobotChannel that keeps what it is given: the in-memory runtime's group chats. */
import type { RobotChannel, RobotMessage } from '../../core/engine/ports.js';

export interface RecordedRobotMessage extends RobotMessage {
  sentAt: string;
}

export class RecordingRobots implements RobotChannel {
  readonly sent: RecordedRobotMessage[] = [];

  constructor(private readonly clock: () => Date = () => new Date()) {}

  async send(message: RobotMessage): Promise<string> {
    this.sent.push({ ...structuredClone(message), sentAt: this.clock().toISOString() });
    return `memory-robot-${this.sent.length}`;
  }
}
