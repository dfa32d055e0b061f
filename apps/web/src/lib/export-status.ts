// What every feature that shows exports shares beyond the contracts' statuses: the tones they are drawn in.

/** The colours a state is drawn in; a colour always repeats a word, never replaces it. */
export type ExportTone = 'busy' | 'warning' | 'success' | 'error';
