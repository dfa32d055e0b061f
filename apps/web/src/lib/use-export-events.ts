import { useEffect, useEffectEvent } from 'react';
import {
  browserEventSource,
  subscribeToExportEvents,
  type ExportEventHandlers,
} from './export-events';

/** Which export changes to hear about: one export's, everything (`'all'`), or none (`null`: closed). */
export type ExportEventsFilter = { taskId: string } | 'all' | null;

/**
 * Keeps one event stream open while `filter` stays the same; the handlers may
 * change on every render without reopening it.
 */
export function useExportEvents(filter: ExportEventsFilter, handlers: ExportEventHandlers) {
  const onExport = useEffectEvent(handlers.onExport);
  const onResync = useEffectEvent(handlers.onResync);
  const onStateChange = useEffectEvent(handlers.onStateChange);
  const taskId = filter === null || filter === 'all' ? undefined : filter.taskId;
  const enabled = filter !== null;

  useEffect(() => {
    if (!enabled) return;
    return subscribeToExportEvents(taskId, browserEventSource(), {
      onExport: (event) => onExport(event),
      onResync: () => onResync(),
      onStateChange: (state) => onStateChange(state),
    });
  }, [enabled, taskId]);
}
