import fc from 'fast-check';

/** The bounds a parameter or field declares in the OpenAPI document: values just past them are tried too. */
export interface DeclaredBounds {
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

/** Control characters and broken Unicode: what PostgreSQL, terminals and calendar apps choke on. */
const unprintableStrings = fc.constantFrom(
  'a\u0000b',
  '\u0000',
  'x\u0000',
  '\u0007\u0008',
  '\u001b[31mred',
  '\u007f',
  '\u0085',
  '\u009b',
  'a\ud800b',
  '\udfff',
);

/** Text a client can type, chosen to break parsers, databases and logs; the hand-picked ones come up most. */
const hostileStrings = fc.oneof(
  { weight: 3, arbitrary: unprintableStrings },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\u2028\u2029',
      'tab\there',
      'line\r\nbreak',
      '\ud83d\ude00',
      '../../etc/passwd',
      '<script>alert(1)</script>',
      "'; DROP TABLE todos; --",
      '%00',
      '\\',
      '{"$gt":""}',
      'null',
      'true',
      'x'.repeat(20_000),
    ),
  },
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({
    unit: fc.integer({ min: 0, max: 0x9f }).map((code) => String.fromCharCode(code)),
    maxLength: 12,
  }),
);

/** Numbers as a client might write them in JSON, a query string or a path. */
const hostileNumerals = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '1e400',
      '-1e400',
      '1e3',
      '1E3',
      '-0',
      '0',
      '-1',
      'NaN',
      'Infinity',
      '-Infinity',
      '1.5',
      '0x10',
      '+1',
      '01',
      ' 1',
      '2147483647',
      '2147483648',
      '-2147483649',
      '9007199254740993',
      '100000000000000000000',
    ),
  },
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double().map(String),
);

/** Values just past (and on) each declared bound. */
function boundaryNumerals({ minimum, maximum }: DeclaredBounds): string[] {
  return [minimum, maximum]
    .filter((bound) => bound !== undefined)
    .flatMap((bound) => [bound - 1, bound, bound + 1, bound + 0.5].map(String));
}

function boundaryStrings({ maxLength }: DeclaredBounds): string[] {
  return maxLength === undefined
    ? []
    : ['x'.repeat(maxLength), 'x'.repeat(maxLength + 1), 'é'.repeat(maxLength + 1)];
}

function withBoundaries(base: fc.Arbitrary<string>, bounds: DeclaredBounds): fc.Arbitrary<string> {
  const boundaries = [...boundaryNumerals(bounds), ...boundaryStrings(bounds)];
  return boundaries.length ? fc.oneof(base, fc.constantFrom(...boundaries)) : base;
}

/** A JSON value as raw text, so that `1e400`, `-0` and invalid tokens (`NaN`, `0x10`) reach the parser as typed. */
export function hostileJson(bounds: DeclaredBounds = {}): fc.Arbitrary<string> {
  return fc.oneof(
    {
      weight: 3,
      arbitrary: withBoundaries(hostileStrings, bounds).map((text) => JSON.stringify(text)),
    },
    { weight: 2, arbitrary: withBoundaries(hostileNumerals, bounds) },
    fc.constantFrom(
      '[]',
      '{}',
      'null',
      'true',
      'false',
      '[null]',
      '{"a":1}',
      '[1,2]',
      '{"__proto__":{"x":1}}',
    ),
    fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
  );
}

/** A query or path value: its percent-encoded form, and what the server decodes it to when that is certain. */
export interface EncodedText {
  encoded: string;
  decoded: string | undefined;
}

/** A lone surrogate has no UTF-8 form: on the wire it becomes U+FFFD, as in this round trip. */
function percentEncode(text: string): EncodedText {
  const sent = Buffer.from(text, 'utf8').toString('utf8');
  return { encoded: encodeURIComponent(sent), decoded: sent };
}

/** Encodings no well-behaved client sends: what the server makes of them is not ours to predict. */
const malformedEncodings = fc.constantFrom(
  '%',
  '%zz',
  '%ff',
  '%ED%A0%80',
  '%C0%80',
  '..',
  '.',
  '%2e%2e',
  '%2F',
  'a%2Fb',
  ';x',
  '#',
  '?x=1',
  '%3F',
);

export function hostileText(bounds: DeclaredBounds = {}): fc.Arbitrary<EncodedText> {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .oneof(withBoundaries(hostileStrings, bounds), withBoundaries(hostileNumerals, bounds))
        .map(percentEncode),
    },
    malformedEncodings.map((encoded) => ({ encoded, decoded: undefined })),
  );
}

/** Header values Node's client can put on the wire (it refuses NUL, CR, LF and anything beyond Latin-1). */
const SENDABLE_IN_HEADER = /^[\t\u0020-\u007e\u0080-\u00ff]*$/;

/** A header value as sent; the server reads it without the surrounding spaces and tabs. */
export function hostileHeader(bounds: DeclaredBounds = {}): fc.Arbitrary<string> {
  return fc
    .oneof(
      withBoundaries(hostileStrings, bounds),
      withBoundaries(hostileNumerals, bounds),
      fc.constantFrom('é', '\u0085', '\u00ff'),
    )
    .filter((value) => SENDABLE_IN_HEADER.test(value));
}
