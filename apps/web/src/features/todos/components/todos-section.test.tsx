import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../app';
import { fakeApi, todo, type FakeResponse } from '../../../testing/fake-api';
import { renderWithProviders } from '../../../testing/render';

beforeEach(() => window.history.replaceState(null, '', '/'));

function deferred() {
  let resolve: (response: FakeResponse) => void = () => undefined;
  const promise = new Promise<FakeResponse>((done) => (resolve = done));
  return { promise, resolve };
}

const addForm = () => screen.getByRole('form', { name: 'Add a todo' });
const list = () => screen.getByRole('list', { name: 'Todos' });

describe('the todo list', () => {
  it('shows todos with their deadline and the counts per status', async () => {
    fakeApi([
      todo({
        id: 1,
        title: 'Buy milk',
        deadline_at: '2026-03-01T14:00:00',
        description: 'Semi-skimmed',
      }),
      todo({ id: 2, title: 'Call mum', completed: true }),
    ]);
    renderWithProviders(<App />);
    expect(screen.getByText('Loading todos…')).toBeInTheDocument();
    const item = (await screen.findByText('Buy milk')).closest('li')!;
    expect(within(item).getByText('Semi-skimmed')).toBeInTheDocument();
    expect(within(item).getByText(/^Due /)).toHaveAttribute('dateTime', '2026-03-01T14:00:00');
    expect(screen.getByRole('checkbox', { name: 'Done: Call mum' })).toBeChecked();
    expect(await screen.findByRole('radio', { name: 'All 2' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Active 1' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Completed 1' })).toBeInTheDocument();
  });

  it('says so when there are no todos', async () => {
    fakeApi();
    renderWithProviders(<App />);
    expect(await screen.findByText('No todos yet. Add your first one above.')).toBeInTheDocument();
  });

  it('shows an error with Try again instead of a blank list when loading fails', async () => {
    const api = fakeApi([todo({ id: 1, title: 'Buy milk' })]);
    api.on('GET /todos', () => ({
      status: 500,
      body: { error: 'Internal Server Error', message: 'Database unavailable' },
    }));
    const { user } = renderWithProviders(<App />);
    expect(
      await screen.findByText('Could not load your todos. Database unavailable'),
    ).toBeInTheDocument();
    api.on('GET /todos', () => ({ body: api.todos, headers: { 'X-Total-Count': '1' } }));
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Buy milk')).toBeInTheDocument();
  });

  it('filters by status and deadline window, and keeps the filters in the URL', async () => {
    const api = fakeApi([todo({ id: 1, title: 'Buy milk', completed: true })]);
    const { user } = renderWithProviders(<App />);
    await screen.findByText('Buy milk');
    await user.click(screen.getByRole('radio', { name: /^Active/ }));
    await user.type(screen.getByRole('spinbutton', { name: 'Due within' }), '7');
    await waitFor(() => expect(window.location.search).toBe('?status=active&window=7'));
    const listed = api.requests.filter(
      (request) => request.path === '/todos' && request.query.get('limit') === '50',
    );
    expect(Object.fromEntries(listed.at(-1)!.query)).toEqual({
      completed: 'false',
      window: '7',
      limit: '50',
      offset: '0',
    });
    expect(await screen.findByText('No active todos due within 7 days.')).toBeInTheDocument();
  });

  it('pages through long lists', async () => {
    const api = fakeApi(
      Array.from({ length: 120 }, (_, i) => todo({ id: i + 1, title: `Todo ${i + 1}` })),
    );
    const { user } = renderWithProviders(<App />);
    expect(await screen.findByText('1–50 of 120')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Last' }));
    expect(await screen.findByText('Todo 120')).toBeInTheDocument();
    expect(screen.getByText('101–120 of 120')).toBeInTheDocument();
    expect(api.requests.at(-1)?.query.get('offset')).toBe('100');
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
  });
});

describe('adding a todo', () => {
  it('sends title, description and the local deadline, then shows it and clears the form', async () => {
    const api = fakeApi();
    const { user } = renderWithProviders(<App />);
    await screen.findByText('No todos yet. Add your first one above.');
    const form = addForm();
    await user.type(within(form).getByLabelText('Title'), 'Dentist');
    await user.type(within(form).getByLabelText(/Description/), 'Bring the card');
    await user.type(within(form).getByLabelText('Deadline date'), '2026-03-01');
    await user.type(within(form).getByLabelText('Deadline time'), '14:30');
    await user.click(within(form).getByRole('button', { name: 'Add todo' }));

    expect(await within(list()).findByText('Dentist')).toBeInTheDocument();
    expect(api.requests.find((request) => request.method === 'POST')?.body).toEqual({
      title: 'Dentist',
      description: 'Bring the card',
      deadline_at: '2026-03-01T14:30:00',
    });
    expect(await screen.findByText('Added “Dentist”.')).toBeInTheDocument();
    expect(within(addForm()).getByLabelText('Title')).toHaveValue('');
  });

  it('sends a date without a time as an all-day deadline, and lists it as all day', async () => {
    const api = fakeApi();
    const { user } = renderWithProviders(<App />);
    await screen.findByText('No todos yet. Add your first one above.');
    const form = addForm();
    expect(within(form).getByRole('group', { name: /Deadline/ })).toHaveAccessibleDescription(
      /date without a time is due all day/,
    );
    await user.type(within(form).getByLabelText('Title'), 'Pay rent');
    await user.type(within(form).getByLabelText('Deadline date'), '2026-03-31');
    await user.click(within(form).getByRole('button', { name: 'Add todo' }));

    const item = (await within(list()).findByText('Pay rent')).closest('li')!;
    expect(api.requests.find((request) => request.method === 'POST')?.body).toMatchObject({
      deadline_at: '2026-03-31',
    });
    const due = within(item).getByText(/^Due /);
    expect(due).toHaveAttribute('dateTime', '2026-03-31');
    expect(due).toHaveTextContent(/\(all day\)$/);
    expect(due.textContent).not.toMatch(/\d:\d\d/);

    // Editing it shows the date and no time, and saving keeps it all day.
    await user.click(within(item).getByRole('button', { name: 'Edit “Pay rent”' }));
    const edit = screen.getByRole('form', { name: 'Edit “Pay rent”' });
    expect(within(edit).getByLabelText('Deadline date')).toHaveValue('2026-03-31');
    expect(within(edit).getByLabelText('Deadline time')).toHaveValue('');
    await user.click(within(edit).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.requests.find((request) => request.method === 'PUT')?.body).toMatchObject({
        deadline_at: '2026-03-31',
      }),
    );
  });

  it('asks for a title without calling the API', async () => {
    const api = fakeApi();
    const { user } = renderWithProviders(<App />);
    await user.click(within(addForm()).getByRole('button', { name: 'Add todo' }));
    const title = within(addForm()).getByLabelText('Title');
    expect(title).toHaveAccessibleDescription('Enter a title.');
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(title).toHaveFocus();
    expect(api.requests.some((request) => request.method === 'POST')).toBe(false);
  });

  it('shows the API’s field messages next to the fields and keeps what was typed', async () => {
    const api = fakeApi();
    api.on('POST /todos', () => ({
      status: 400,
      body: {
        error: 'Bad Request',
        message: 'title must NOT have more than 500 characters',
        fields: {
          title: 'must NOT have more than 500 characters',
          deadline_at: 'must be a valid date-time',
        },
      },
    }));
    const { user } = renderWithProviders(<App />);
    await screen.findByText('No todos yet. Add your first one above.');
    await user.type(within(addForm()).getByLabelText('Title'), 'Too long');
    await user.type(within(addForm()).getByLabelText('Deadline date'), '2026-03-01');
    await user.click(within(addForm()).getByRole('button', { name: 'Add todo' }));

    const title = within(addForm()).getByLabelText('Title');
    await waitFor(() =>
      expect(title).toHaveAccessibleDescription('Must NOT have more than 500 characters'),
    );
    expect(title).toHaveValue('Too long');
    expect(title).toHaveFocus();
    expect(within(addForm()).getByRole('group', { name: /Deadline/ })).toHaveTextContent(
      'Must be a valid date-time',
    );
    expect(screen.queryByRole('list', { name: 'Todos' })).not.toBeInTheDocument();
  });
});

describe('adding todos faster than the API answers', () => {
  const tooLong: FakeResponse = {
    status: 400,
    body: {
      error: 'Bad Request',
      message: 'title must NOT have more than 500 characters',
      fields: { title: 'must NOT have more than 500 characters' },
    },
  };

  /** The app with no todos, where each `POST /todos` waits until the test answers it. */
  async function renderWithHeldSaves() {
    const api = fakeApi();
    const held: { body: unknown; answer: (response: FakeResponse) => void }[] = [];
    api.on('POST /todos', ({ body }) => {
      const { promise, resolve } = deferred();
      held.push({ body, answer: resolve });
      return promise;
    });
    const { user } = renderWithProviders(<App />);
    await screen.findByText('No todos yet. Add your first one above.');
    const title = within(addForm()).getByLabelText('Title');
    return { user, held, title };
  }

  it('empties the form at submit and puts the text back when the save is refused', async () => {
    const { user, held, title } = await renderWithHeldSaves();
    await user.type(title, 'Dentist');
    await user.type(within(addForm()).getByLabelText(/Description/), 'Bring the card');
    await user.click(within(addForm()).getByRole('button', { name: 'Add todo' }));
    expect(title).toHaveValue('');
    expect(within(list()).getByText('Dentist')).toBeInTheDocument();

    await waitFor(() => expect(held).toHaveLength(1));
    held[0]!.answer(tooLong);
    await waitFor(() => expect(title).toHaveValue('Dentist'));
    expect(within(addForm()).getByLabelText(/Description/)).toHaveValue('Bring the card');
    expect(title).toHaveAccessibleDescription('Must NOT have more than 500 characters');
    expect(title).toHaveFocus();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('keeps what was typed since a refused save, and names the todo that was not added', async () => {
    const { user, held, title } = await renderWithHeldSaves();
    await user.type(title, 'Dentist{Enter}');
    await user.type(title, 'Plumber');

    await waitFor(() => expect(held).toHaveLength(1));
    held[0]!.answer(tooLong);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not add “Dentist”: title must NOT have more than 500 characters.',
    );
    expect(title).toHaveValue('Plumber');
    expect(title).not.toHaveAttribute('aria-invalid');
  });

  it('sends the todos one after another, in the order they were added', async () => {
    const { user, held, title } = await renderWithHeldSaves();
    await user.type(title, 'First{Enter}');
    await user.type(title, 'Second{Enter}');
    expect(within(list()).getAllByRole('listitem')).toHaveLength(2);
    await waitFor(() => expect(held).toHaveLength(1));
    expect(held[0]!.body).toMatchObject({ title: 'First' });

    held[0]!.answer({ status: 201, body: todo({ id: 1, title: 'First' }) });
    await waitFor(() => expect(held).toHaveLength(2));
    expect(held[1]!.body).toMatchObject({ title: 'Second' });
    held[1]!.answer({ status: 201, body: todo({ id: 2, title: 'Second' }) });
    expect(await screen.findByText('Added “Second”.')).toBeInTheDocument();
  });
  it('takes back only a refused todo, and keeps showing those still being saved', async () => {
    const { user, held, title } = await renderWithHeldSaves();
    await user.type(title, 'First{Enter}');
    await user.type(title, 'Second{Enter}');
    await waitFor(() => expect(held).toHaveLength(1));

    held[0]!.answer(tooLong);
    await waitFor(() => expect(within(list()).queryByText('First')).not.toBeInTheDocument());
    expect(within(list()).getByText('Second')).toBeInTheDocument();
    await waitFor(() => expect(held).toHaveLength(2));
    held[1]!.answer({ status: 201, body: todo({ id: 1, title: 'Second' }) });
    expect(await screen.findByText('Added “Second”.')).toBeInTheDocument();
  });
});

describe('changing a todo', () => {
  it('ticks a todo at once and undoes it with a message when the API refuses', async () => {
    const api = fakeApi([todo({ id: 1, title: 'Buy milk' })]);
    const answer = deferred();
    api.on('PUT /todos/:id', () => answer.promise);
    const { user } = renderWithProviders(<App />);
    const checkbox = await screen.findByRole('checkbox', { name: 'Done: Buy milk' });

    await user.click(checkbox);
    expect(checkbox).toBeChecked();
    expect(await screen.findByRole('radio', { name: 'Completed 1' })).toBeInTheDocument();

    answer.resolve({
      status: 500,
      body: { error: 'Internal Server Error', message: 'Database unavailable' },
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not mark “Buy milk” as done: Database unavailable. The change was undone.',
    );
    expect(screen.getByRole('checkbox', { name: 'Done: Buy milk' })).not.toBeChecked();
    expect(screen.getByRole('radio', { name: 'Completed 0' })).toBeInTheDocument();
  });

  it('edits in place and returns the keyboard to the Edit button', async () => {
    const api = fakeApi([todo({ id: 1, title: 'Buy milk', deadline_at: '2026-03-01T14:00:00' })]);
    const { user } = renderWithProviders(<App />);
    await user.click(await screen.findByRole('button', { name: 'Edit “Buy milk”' }));
    const form = screen.getByRole('form', { name: 'Edit “Buy milk”' });
    const title = within(form).getByLabelText('Title');
    expect(title).toHaveFocus();
    expect(within(form).getByLabelText('Deadline time')).toHaveValue('14:00');
    await user.clear(title);
    await user.type(title, 'Buy oat milk{Enter}');

    expect(await screen.findByText('Buy oat milk')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Edit “Buy oat milk”' })).toHaveFocus();
    expect(api.requests.find((request) => request.method === 'PUT')?.body).toEqual({
      title: 'Buy oat milk',
      description: '',
      deadline_at: '2026-03-01T14:00:00',
    });
  });

  it('cancels an edit with Escape', async () => {
    fakeApi([todo({ id: 1, title: 'Buy milk' })]);
    const { user } = renderWithProviders(<App />);
    await user.click(await screen.findByRole('button', { name: 'Edit “Buy milk”' }));
    const form = screen.getByRole('form', { name: 'Edit “Buy milk”' });
    await user.type(within(form).getByLabelText('Title'), ' now{Escape}');
    expect(screen.queryByRole('form', { name: /^Edit/ })).not.toBeInTheDocument();
    expect(screen.getByText('Buy milk')).toBeInTheDocument();
  });

  it('reopens the edit form with the field message when the API refuses the edit', async () => {
    const api = fakeApi([todo({ id: 1, title: 'Buy milk' })]);
    api.on('PUT /todos/:id', () => ({
      status: 400,
      body: {
        error: 'Bad Request',
        message: 'title is too long',
        fields: { title: 'is too long' },
      },
    }));
    const { user } = renderWithProviders(<App />);
    await user.click(await screen.findByRole('button', { name: 'Edit “Buy milk”' }));
    const form = screen.getByRole('form', { name: 'Edit “Buy milk”' });
    await user.type(within(form).getByLabelText('Title'), '!!!');
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    const reopened = await screen.findByRole('form', { name: 'Edit “Buy milk”' });
    expect(within(reopened).getByLabelText('Title')).toHaveValue('Buy milk!!!');
    expect(within(reopened).getByLabelText('Title')).toHaveAccessibleDescription('Is too long');
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not save “Buy milk”: title is too long. The change was undone.',
    );
  });

  it('deletes at once and brings the todo back with Undo', async () => {
    const api = fakeApi([
      todo({
        id: 1,
        title: 'Buy milk',
        description: 'Oat',
        deadline_at: '2026-03-01T14:00:00',
        completed: true,
      }),
    ]);
    const answer = deferred();
    api.on('DELETE /todos/:id', () => answer.promise);
    const { user } = renderWithProviders(<App />);
    await user.click(await screen.findByRole('button', { name: 'Delete “Buy milk”' }));
    // Gone before the API answers, which leaves the list empty (and unmounted).
    expect(screen.queryByText('Buy milk')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Todos' })).toHaveFocus();
    api.todos.length = 0;
    answer.resolve({ body: { id: 1, deleted: true } });
    expect(await screen.findByText('Deleted “Buy milk”.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByText('Buy milk')).toBeInTheDocument();
    expect(api.requests.find((request) => request.method === 'POST')?.body).toEqual({
      title: 'Buy milk',
      description: 'Oat',
      completed: true,
      deadline_at: '2026-03-01T14:00:00',
    });
  });
});
