/**
 * RFC 5545 §3.1: a content line SHOULD NOT be longer than 75 octets, not
 * counting the line break; a folded line goes on after CRLF and one space.
 */
export const MAX_LINE_OCTETS = 75;

const CR = 0x0d;
const LF = 0x0a;

// RFC 5545 §3.3.11 forbids control characters in TEXT except HTAB; CR and LF
// are kept because ical-generator escapes them as `\n`. Anything else (a
// pasted escape sequence, NUL, DEL) would make calendar apps reject the file.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Prepares user text for an iCalendar TEXT value: drops the control characters RFC 5545 forbids. */
export function toIcalText(value: string): string {
  return value.replace(FORBIDDEN_CONTROLS, '');
}

/**
 * Folds every CRLF-separated line of `text` to at most {@link MAX_LINE_OCTETS}
 * UTF-8 octets, never inside a character (a surrogate pair counts as one
 * 4-octet character). ical-generator's own `foldLines` is correct too but
 * allocates a TextEncoder per character, which takes tens of seconds for
 * 100,000 events; this is one pass over the text.
 */
export function foldLines(text: string): string {
  let folded = '';
  let copiedUpTo = 0;
  let octets = 0;
  let limit = MAX_LINE_OCTETS;
  for (let i = 0; i < text.length;) {
    const code = text.charCodeAt(i);
    if (code === CR && text.charCodeAt(i + 1) === LF) {
      i += 2;
      octets = 0;
      limit = MAX_LINE_OCTETS;
      continue;
    }
    let units = 1;
    let size: number;
    if (code < 0x80) size = 1;
    else if (code < 0x800) size = 2;
    else if (isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(i + 1))) {
      size = 4;
      units = 2;
    } else size = 3; // includes a lone surrogate, which UTF-8 encoders write as U+FFFD (3 octets)
    if (octets + size > limit) {
      folded += text.slice(copiedUpTo, i) + '\r\n ';
      copiedUpTo = i;
      octets = 0;
      limit = MAX_LINE_OCTETS - 1; // the leading space of a continuation line is one of its octets
    }
    octets += size;
    i += units;
  }
  return copiedUpTo === 0 ? text : folded + text.slice(copiedUpTo);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
