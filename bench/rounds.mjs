// Timing in alternating rounds, for the benches that compare tasks with a baseline measured in the
// same run (seal, render-pdf, vc-jwt): each task runs `perRound` times in each round, the tasks in
// turn, so that a slow moment of this shared machine falls on all of them alike.

/** The median of a list of numbers. */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs each task `warm` times, then `rounds` rounds of `perRound` calls each; ms per call, by task and round. */
export async function alternate(tasks, { rounds, perRound, warm = 5 }) {
  for (const task of Object.values(tasks)) for (let i = 0; i < warm; i++) await task();
  const times = Object.fromEntries(Object.keys(tasks).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, task] of Object.entries(tasks)) {
      const start = performance.now();
      for (let i = 0; i < perRound; i++) await task();
      times[name].push((performance.now() - start) / perRound);
    }
  }
  return times;
}

/** Prints each task's median round and its ratio to `baseline` (the median of the rounds' ratios). */
export function printRatios(times, baseline, { ms = 2, ratio = 2, width = 34 } = {}) {
  const base = times[baseline];
  for (const [name, xs] of Object.entries(times)) {
    const r = median(xs.map((x, i) => x / base[i]));
    console.log(`  ${name.padEnd(width)} ${median(xs).toFixed(ms).padStart(8)} ms  ${r.toFixed(ratio).padStart(7)}×`);
  }
}
