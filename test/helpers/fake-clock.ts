import type { Clock } from '#shared/ports/repositories';

/** A clock the test moves: `now` is what the use cases are given; it stands still until told. */
export type FakeClock = { now: Clock; set: (iso: string) => void; advance: (ms: number) => void; iso: () => string };

export function fakeClock(start: string): FakeClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set: (iso) => {
      current = new Date(iso).getTime();
    },
    advance: (ms) => {
      current += ms;
    },
    iso: () => new Date(current).toISOString(),
  };
}

export const DAY_MS = 86_400_000;
