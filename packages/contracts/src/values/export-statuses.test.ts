import { describe, expect, it } from 'vitest';
import {
  EXPORT_STATUSES,
  canTransition,
  exportActionsFrom,
  isExportStatus,
  isFinalExportStatus,
  statusesLeadingTo,
} from './export-statuses.js';

describe('export statuses', () => {
  it('are the five task_status names, in the order an export goes through them', () => {
    expect(EXPORT_STATUSES).toEqual(['PENDING', 'STARTED', 'RETRY', 'SUCCESS', 'FAILURE']);
    expect(['PENDING', 'DONE', 'toString', 1].map(isExportStatus)).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });

  it('end at SUCCESS and FAILURE', () => {
    expect(EXPORT_STATUSES.filter(isFinalExportStatus)).toEqual(['SUCCESS', 'FAILURE']);
  });

  it('move only along the table: a finished export stays so, a failed one may start over', () => {
    expect(EXPORT_STATUSES.filter((to) => canTransition('SUCCESS', to))).toEqual([]);
    expect(EXPORT_STATUSES.filter((to) => canTransition('FAILURE', to))).toEqual(['PENDING']);
    expect(statusesLeadingTo('FAILURE')).toEqual(['PENDING', 'STARTED', 'RETRY']);
    expect(statusesLeadingTo('SUCCESS')).toEqual(['STARTED']);
  });

  it('offer the monitor retry on a failed export, cancel on an unfinished one, nothing on a success', () => {
    expect(Object.fromEntries(EXPORT_STATUSES.map((s) => [s, exportActionsFrom(s)]))).toEqual({
      PENDING: ['cancel'],
      STARTED: ['cancel'],
      RETRY: ['cancel'],
      SUCCESS: [],
      FAILURE: ['retry'],
    });
  });
});
