/** Option parsers shared by the commands; each throws commander's InvalidArgumentError with a hint. */
import { InvalidArgumentError } from 'commander';
import { isCivilDate } from '../core/civil-date.js';

export function parseYear(value: string): number {
  if (!/^\d{4}$/.test(value) || Number(value) < 2000 || Number(value) > 2100) {
    throw new InvalidArgumentError(`"${value}" is not a year between 2000 and 2100 (e.g. --year 2025)`);
  }
  return Number(value);
}

export function parseRate(value: string): number {
  const rate = Number(value);
  if (value.trim() === '' || !Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new InvalidArgumentError(`"${value}" is not a rate between 0 and 1 (e.g. --submit-rate 0.8)`);
  }
  return rate;
}

export function parseInteger(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a whole number`);
  return Number(value);
}

export function parseDate(value: string): string {
  if (!isCivilDate(value)) throw new InvalidArgumentError(`"${value}" is not a date in the form YYYY-MM-DD`);
  return value;
}
