import { useNow } from '../../../lib/use-now';
import type { Todo } from '../types';
import { TodoItem } from './todo-item';

interface TodoListProps {
  todos: Todo[];
  /** True while a newer page is loading and this one is still shown. */
  stale: boolean;
  onDelete: (todo: Todo) => void;
}

export function TodoList({ todos, stale, onDelete }: TodoListProps) {
  const now = useNow();
  return (
    <ul className="todo-list" aria-label="Todos" aria-busy={stale}>
      {todos.map((todo) => (
        <TodoItem key={todo.id} todo={todo} now={now} onDelete={onDelete} />
      ))}
    </ul>
  );
}
