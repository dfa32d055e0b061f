import { createContext, use, useCallback, useEffect, useState, type ReactNode } from 'react';

export interface NoticeInput {
  message: string;
  /** Errors stay until dismissed; information goes away by itself. */
  tone: 'info' | 'error';
  action?: { label: string; run: () => void };
}

interface Notice extends NoticeInput {
  id: number;
}

/** Long enough to find and press Undo; paused while the pointer or focus is on the notice. */
const INFO_LIFETIME_MS = 8_000;
const MAX_NOTICES = 4;

const NotifyContext = createContext<(notice: NoticeInput) => void>(() => undefined);

/** Shows a short message (with an optional action such as Undo) in the page's notice area. */
export function useNotify(): (notice: NoticeInput) => void {
  return use(NotifyContext);
}

let lastNoticeId = 0;

export function NoticesProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const notify = useCallback((notice: NoticeInput) => {
    setNotices((current) => [...current, { ...notice, id: ++lastNoticeId }].slice(-MAX_NOTICES));
  }, []);
  const dismiss = useCallback((id: number) => {
    setNotices((current) => current.filter((notice) => notice.id !== id));
  }, []);

  return (
    <NotifyContext value={notify}>
      {children}
      {/* Always in the page: screen readers only announce changes inside live regions that already exist. */}
      <div className="notices" aria-live="polite" aria-label="Notifications" role="region">
        {notices.map((notice) => (
          <NoticeItem key={notice.id} notice={notice} onDismiss={dismiss} />
        ))}
      </div>
    </NotifyContext>
  );
}

function NoticeItem({ notice, onDismiss }: { notice: Notice; onDismiss: (id: number) => void }) {
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    if (notice.tone === 'error' || paused) return;
    const timer = setTimeout(() => onDismiss(notice.id), INFO_LIFETIME_MS);
    return () => clearTimeout(timer);
  }, [notice, paused, onDismiss]);

  return (
    <div
      className={`notice notice-${notice.tone}`}
      role={notice.tone === 'error' ? 'alert' : undefined}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <p>{notice.message}</p>
      {notice.action && (
        <button
          type="button"
          className="button-link"
          onClick={() => {
            notice.action?.run();
            onDismiss(notice.id);
          }}
        >
          {notice.action.label}
        </button>
      )}
      <button
        type="button"
        className="icon-button"
        aria-label="Dismiss"
        onClick={() => onDismiss(notice.id)}
      >
        ×
      </button>
    </div>
  );
}
