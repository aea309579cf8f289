/** Small text helpers for messages. */
import { standInOf } from './stand-in.js';

const MAX_SHOWN = 60;
/** "Did you mean" compares a word with at most this many candidates, each at most 64 characters. */
const MAX_CANDIDATES = 100;
const MAX_WORD = 64;

/** A value quoted for a message, cut short so that a huge input cannot flood a log. */
export function quote(value: unknown): string {
  if (typeof value === 'string') {
    const cut = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
    return JSON.stringify(cut) + (value.length > MAX_SHOWN ? ` (${value.length} characters)` : '');
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'symbol') return standInOf(value) ?? 'a symbol';
  return typeof value === 'object' ? 'an object' : String(typeof value);
}

/**
 * The candidate nearest to `word` when it is close enough to be a likely typo. Its cost is bounded
 * (at most 100 candidates of at most 64 characters, a word of at most 64), and `validate()` asks
 * only for the issues it lists.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  if (word.length > MAX_WORD) return undefined;
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates.slice(0, MAX_CANDIDATES)) {
    if (candidate.length > MAX_WORD) continue;
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  if (best !== undefined && bestDistance <= limit) return best;
  // A prefix or a part of a compound ("written-exam" → "written-examination").
  if (lower.length >= 4) return candidates.slice(0, MAX_CANDIDATES).find((c) => c.toLowerCase().startsWith(lower) || lower.startsWith(c.toLowerCase()));
  return undefined;
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
