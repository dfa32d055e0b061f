import { PAGE_SIZE, pageCount } from '../todo-filters';

interface PaginationProps {
  page: number;
  total: number;
  onPage: (page: number) => void;
}

export function Pagination({ page, total, onPage }: PaginationProps) {
  const pages = pageCount(total);
  const first = (page - 1) * PAGE_SIZE + 1;
  const last = Math.min(page * PAGE_SIZE, total);
  if (total <= PAGE_SIZE && page === 1) return null;
  return (
    <nav className="pagination" aria-label="Pages">
      <button type="button" onClick={() => onPage(1)} disabled={page <= 1}>
        First
      </button>
      <button type="button" onClick={() => onPage(page - 1)} disabled={page <= 1}>
        Previous
      </button>
      <p aria-live="polite">
        {first.toLocaleString()}–{last.toLocaleString()} of {total.toLocaleString()}
        <span className="hint">
          {' '}
          · page {page.toLocaleString()} of {pages.toLocaleString()}
        </span>
      </p>
      <button type="button" onClick={() => onPage(page + 1)} disabled={page >= pages}>
        Next
      </button>
      <button type="button" onClick={() => onPage(pages)} disabled={page >= pages}>
        Last
      </button>
    </nav>
  );
}
