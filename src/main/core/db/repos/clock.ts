/** One place for "now" so tests and replays can pin time. */
export type Clock = () => Date
export const systemClock: Clock = () => new Date()
export const iso = (clock: Clock): string => clock().toISOString()
