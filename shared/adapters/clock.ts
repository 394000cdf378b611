/**
 * The clock every use case reads (`deps().clock`): the system's, unless a test has set another.
 * The model-based test (test/integration/hardening/model.test.ts) moves time forward with it to
 * let points expire; nothing in the functions sets it.
 */
import type { Clock } from '../domain/ports.js';

let override: Clock | undefined;

export const clock: Clock = { now: () => override?.now() ?? new Date() };

/** Tests: read time from `c` from now on; `undefined` returns to the system clock. */
export function useClock(c: Clock | undefined): void {
  override = c;
}
