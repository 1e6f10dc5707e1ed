/**
 * Splitting an amount over parts without losing or inventing a cent.
 *
 * Rule (stated, tested): each part first gets floor(amount × weight / Σweights) in minor units;
 * the cents left over go one each to the parts with the largest remainders, ties to the earlier
 * part. This is the largest-remainder (Hamilton) method: the shares always sum to the amount,
 * no share differs from its exact value by a cent or more, and the result is deterministic.
 * Works on negative amounts (refunds) by splitting the absolute value.
 */
export function allocateMinor(amountMinor: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`amount must be an integer number of minor units, got ${amountMinor}`)
  if (weights.length === 0) {
    if (amountMinor !== 0) throw new RangeError('cannot allocate a non-zero amount over no parts')
    return []
  }
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new RangeError('weights must be non-negative integers')
  const total = weights.reduce((a, b) => a + b, 0)
  const sign = amountMinor < 0 ? -1 : 1
  const amount = BigInt(Math.abs(amountMinor))
  // No weight at all: split evenly, so the amount is still fully carried.
  const w = total === 0 ? weights.map(() => 1n) : weights.map((x) => BigInt(x))
  const sum = w.reduce((a, b) => a + b, 0n)
  const shares = w.map((x) => (amount * x) / sum)
  const remainders = w.map((x, i) => ({ i, r: (amount * x) % sum }))
  let left = amount - shares.reduce((a, b) => a + b, 0n)
  remainders.sort((a, b) => (b.r > a.r ? 1 : b.r < a.r ? -1 : a.i - b.i))
  for (const { i } of remainders) {
    if (left === 0n) break
    shares[i] += 1n
    left -= 1n
  }
  return shares.map((s) => sign * Number(s))
}
