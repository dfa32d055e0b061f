import { describe, expect, it } from 'vitest';
import { MAX_LINE_OCTETS, foldLines, toIcalText } from './ical-text.js';

const octets = (text: string): number => Buffer.byteLength(text, 'utf8');
// A physical line that splits a surrogate pair or other character does not survive a UTF-8 round trip.
const isWholeCharacters = (text: string): boolean =>
  Buffer.from(text, 'utf8').toString('utf8') === text;
const unfold = (text: string): string => text.replace(/\r\n[ \t]/g, '');

function expectProperlyFolded(original: string): string[] {
  const lines = foldLines(original).split('\r\n');
  for (const line of lines) {
    expect(octets(line)).toBeLessThanOrEqual(MAX_LINE_OCTETS);
    expect(isWholeCharacters(line), JSON.stringify(line)).toBe(true);
  }
  expect(unfold(lines.join('\r\n'))).toBe(original);
  return lines;
}

describe('foldLines', () => {
  it('leaves a line of exactly 75 octets alone and folds one of 76', () => {
    expect(foldLines('a'.repeat(75))).toBe('a'.repeat(75));
    expect(foldLines('a'.repeat(76))).toBe(`${'a'.repeat(75)}\r\n a`);
  });

  it('gives continuation lines 74 octets after the leading space', () => {
    expect(foldLines('a'.repeat(75 + 74 + 1))).toBe(
      `${'a'.repeat(75)}\r\n ${'a'.repeat(74)}\r\n a`,
    );
  });

  it('folds each CRLF-separated line on its own', () => {
    const text = `SUMMARY:${'x'.repeat(70)}\r\nDESCRIPTION:short\r\n`;
    expect(foldLines(text)).toBe(`SUMMARY:${'x'.repeat(67)}\r\n xxx\r\nDESCRIPTION:short\r\n`);
  });

  it('counts octets, not characters, and never splits a 2-byte character', () => {
    // 74 ASCII octets then "é" (2 octets) would end at octet 76: the "é" moves whole to the next line.
    const lines = expectProperlyFolded(`${'a'.repeat(74)}é${'b'.repeat(10)}`);
    expect(lines[0]).toBe('a'.repeat(74));
    expect(lines[1]).toBe(` é${'b'.repeat(10)}`);
  });

  it.each([
    ['emoji (4 octets, surrogate pairs)', `SUMMARY:${'😀🚀📅'.repeat(30)}`],
    ['CJK (3 octets)', `SUMMARY:${'会議の資料を準備する'.repeat(20)}`],
    ['mixed widths at every offset', `SUMMARY:${'aé会😀'.repeat(40)}`],
    ['a ZWJ family emoji sequence', `SUMMARY:${'👨‍👩‍👧‍👦'.repeat(20)}`],
  ])('keeps %s whole, every line within 75 octets', (_name, line) => {
    for (let shift = 0; shift < 4; shift++) expectProperlyFolded('x'.repeat(shift) + line);
  });
});

describe('toIcalText', () => {
  it('drops the control characters RFC 5545 forbids in TEXT', () => {
    expect(toIcalText('a\u0000b\u0007c\u001bd\u007fe')).toBe('abcde');
  });

  it('keeps tab, newlines and all printable unicode', () => {
    const text = 'tab\there\r\nline\nnext, ; \\ 😀 会議 \u0085 \u2028';
    expect(toIcalText(text)).toBe(text);
  });
});
