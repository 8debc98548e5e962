/** A Mailer that keeps what it is given: the simulation's and the property tests' inbox. */
import type { Mailer, OutgoingMail } from '../../core/engine/ports.js';

export interface RecordedMail extends OutgoingMail {
  messageId: string;
  sentAt: string;
}

export class RecordingMailer implements Mailer {
  readonly sent: RecordedMail[] = [];

  constructor(private readonly clock: () => Date = () => new Date()) {}

  async send(mail: OutgoingMail): Promise<string> {
    const messageId = `memory-${this.sent.length + 1}`;
    this.sent.push({ ...structuredClone(mail), messageId, sentAt: this.clock().toISOString() });
    return messageId;
  }
}
