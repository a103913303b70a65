/** A count with its noun: `1 cycle`, `3 cycles` (the CLI's and the screen's notes; one copy). */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
