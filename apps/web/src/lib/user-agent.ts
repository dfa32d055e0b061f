// A client in words people recognise, from its User-Agent header: a session's
// browser, or the calendar app that fetched a feed.

/**
 * Checked in order: the calendar apps first (Thunderbird also says Gecko,
 * Outlook names Windows), then the browsers: Edge and Opera also say Chrome,
 * Chrome also says Safari.
 */
const CLIENTS: [RegExp, string][] = [
  [/\bGoogle-Calendar-Importer\b/, 'Google Calendar'],
  // macOS's CalendarAgent, iOS's dataaccessd.
  [/\b(CalendarAgent|dataaccessd)\//, 'Apple Calendar'],
  [/\bThunderbird\//, 'Thunderbird'],
  [/\bMicrosoft Outlook\b|\bMicrosoft Office\//, 'Outlook'],
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\b(OPR|Opera)\//, 'Opera'],
  [/\b(Firefox|FxiOS)\//, 'Firefox'],
  // HeadlessChrome/ too.
  [/(Chrome|CriOS|Chromium)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
  [/^curl\//, 'curl'],
];

const SYSTEMS: [RegExp, string][] = [
  [/\bWindows\b/, 'Windows'],
  [/\bAndroid\b/, 'Android'],
  [/\b(iPhone|iPod)\b|^iOS\//, 'iOS'],
  [/\biPad\b/, 'iPadOS'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bMac OS X\b|\bMacintosh\b|^macOS\//, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

const find = (table: [RegExp, string][], userAgent: string) =>
  table.find(([pattern]) => pattern.test(userAgent))?.[1];

/**
 * "Firefox on Windows", "Apple Calendar on macOS", "curl"; the header itself
 * when nothing in it is known, `unknown` when there is none.
 */
export function describeUserAgent(userAgent: string | null, unknown = 'Unknown device'): string {
  if (!userAgent?.trim()) return unknown;
  const browser = find(CLIENTS, userAgent);
  const system = find(SYSTEMS, userAgent);
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? userAgent.trim();
}
