import type { LiveState } from '../../../lib/export-events';
import type { JobTone } from '../job-status';
import { POLL_MS } from '../api/use-monitor';

const polling = `refreshing every ${POLL_MS / 1000} s`;

const LOOKS: Record<LiveState, { label: string; tone: JobTone; hint: string }> = {
  connecting: { label: 'Connecting…', tone: 'busy', hint: polling },
  live: { label: 'Live', tone: 'success', hint: 'updates as exports change' },
  reconnecting: { label: 'Reconnecting…', tone: 'warning', hint: `${polling} meanwhile` },
  unavailable: { label: 'Polling', tone: 'busy', hint: polling },
};

/** Whether the view hears of changes as they happen, or asks every few seconds. */
export function LiveBadge({ state }: { state: LiveState }) {
  const { label, tone, hint } = LOOKS[state];
  return (
    <p className="live-badge">
      <span className={`badge tone-${tone}`}>{label}</span>
      <span className="hint">{hint}</span>
    </p>
  );
}
