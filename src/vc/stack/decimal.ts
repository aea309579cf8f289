/** Exact decimal sums of ECTS credits: 7.5 + 0.1 is 7.6, not 7.6000000000000005. */

/** A number's exact decimal digits and scale, from its shortest round-trip text (`7.5` → 75, 1). */
function decimalOf(n: number): { digits: bigint; scale: number } {
  const [mantissa = '0', exponent] = String(n).toLowerCase().split('e');
  const [whole = '0', fraction = ''] = mantissa.split('.');
  let scale = fraction.length - Number(exponent ?? 0);
  let digits = BigInt(whole + fraction);
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { digits, scale };
}

/**
 * The sum of decimal numbers as a person adds them: each number is taken as the decimal it prints
 * as, and the sum is exact before it is turned back into a number.
 *
 * @example
 * decimalSum([2, 5, 7.5]); // 14.5
 * decimalSum([1.1, 2.2]); // 3.3, where 1.1 + 2.2 === 3.3000000000000003
 */
export function decimalSum(values: readonly number[]): number {
  const parts = values.map(decimalOf);
  const scale = Math.max(0, ...parts.map((p) => p.scale));
  const total = parts.reduce((sum, p) => sum + p.digits * 10n ** BigInt(scale - p.scale), 0n);
  const negative = total < 0n;
  const text = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const decimal = scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`;
  return Number(`${negative ? '-' : ''}${decimal}`);
}
