// What the two fuzz tests share: a seeded PRNG, so a failure is
// reproducible. The seed is FUZZ_SEED from the environment, else a fixed
// one (the same cases on every run, so the suite is not flaky); a run with
// `FUZZ_SEED=$RANDOM node --test tests/e2e/fuzz_*.test.mjs` explores
// others. Each test prints its seed first and names it in every failure.

export const DEFAULT_SEED = 20250610;

/** The seed for this run. */
export function fuzzSeed() {
  const text = process.env.FUZZ_SEED;
  if (text === undefined || text === "") return DEFAULT_SEED;
  const seed = Number(text);
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
    throw new Error(`FUZZ_SEED must be a whole number from 0 to 2^32 − 1, got ${text}`);
  }
  return seed;
}

/**
 * mulberry32: a small, fast 32-bit PRNG. Its source text is also what the
 * page runs (see `PRNG_SOURCE`), so Node and the page draw the same numbers.
 */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random = {
    /** A number in [0, 1). */
    next,
    /** A whole number in [0, n). */
    int: (n) => Math.floor(next() * n),
    /** One of `items`. */
    pick: (items) => items[Math.floor(next() * items.length)],
    /** True with probability `p`. */
    chance: (p) => next() < p,
    /** `items` in a random order (a copy). */
    shuffle(items) {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };
  return random;
}

/** `prng` as source text, for page.evaluate (functions do not cross). */
export const PRNG_SOURCE = `(${prng.toString()})`;
