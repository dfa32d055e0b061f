import { ErrorBoundary } from './components/error-boundary';
import { ExportPanel } from './features/calendar-export/components/export-panel';
import { TodosSection } from './features/todos/components/todos-section';
import { selectionOf } from './features/todos/todo-filters';
import { useTodoFilters } from './features/todos/use-todo-filters';

export function App() {
  // The filters live here because the export can reuse them.
  const [filters, setFilters] = useTodoFilters();
  return (
    <>
      <header className="app-header">
        <h1>
          <img src="/favicon.svg" alt="" width="28" height="28" />
          TaskOverflow
        </h1>
      </header>
      <main className="layout">
        <ErrorBoundary what="your todos">
          <TodosSection filters={filters} onFiltersChange={setFilters} />
        </ErrorBoundary>
        <ErrorBoundary what="the calendar export">
          <ExportPanel selection={selectionOf(filters)} />
        </ErrorBoundary>
      </main>
    </>
  );
}
