import type { Kinship } from './types.js';

/** A kinship as a byte, for tables that remember many (0 is left for "not known yet"). */
export const KINSHIP_CODE: Readonly<Record<Kinship, number>> = { same: 1, synonym: 2, related: 3, none: 4 };

/** The kinship of a code of KINSHIP_CODE (0 reads as 'none'). */
export const KINSHIP_OF_CODE: readonly Kinship[] = ['none', 'same', 'synonym', 'related', 'none'];
