import type { Todo as TodoResponse } from '@taskoverflow/contracts';
import type { StoredTodo } from '@taskoverflow/db';

/** The contract's shape of a stored todo. */
export function toTodoResponse(todo: StoredTodo): TodoResponse {
  return {
    id: todo.id,
    title: todo.title,
    description: todo.description,
    completed: todo.completed,
    deadline_at: todo.deadlineAt,
    created_at: todo.createdAt.toISOString(),
    updated_at: todo.updatedAt.toISOString(),
  };
}
