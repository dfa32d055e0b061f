import { expect, it } from 'vitest';
import { describeUserAgent } from './user-agent';

const expectDescribed = (agents: Record<string, string>) => {
  for (const [agent, described] of Object.entries(agents))
    expect(describeUserAgent(agent)).toBe(described);
};

it('names the browser and the system of a session', () => {
  const agents = {
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36':
      'Chrome on Linux',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0':
      'Firefox on Windows',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15':
      'Safari on macOS',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0':
      'Edge on Windows',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1':
      'Safari on iOS',
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36':
      'Chrome on Android',
    'curl/8.5.0': 'curl',
    'my-script/1.0': 'my-script/1.0',
  };
  expectDescribed(agents);
  expect(describeUserAgent(null)).toBe('Unknown device');
  expect(describeUserAgent('  ')).toBe('Unknown device');
});

it('names the calendar apps that fetch feeds', () => {
  const agents = {
    'Google-Calendar-Importer': 'Google Calendar',
    'Mozilla/5.0 (compatible; Google-Calendar-Importer; +http://www.google.com/)':
      'Google Calendar',
    'macOS/14.5 (23F79) CalendarAgent/988': 'Apple Calendar on macOS',
    'iOS/17.5 (21F79) dataaccessd/1.0': 'Apple Calendar on iOS',
    'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.0':
      'Thunderbird on Linux',
    'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro)':
      'Outlook on Windows',
  };
  expectDescribed(agents);
  expect(describeUserAgent(null, 'Unknown app')).toBe('Unknown app');
});
