import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { expect, it } from 'vitest';
import { refetchAfterNow } from './refetch-after';

/** A watched query whose fetches the test answers one by one, each with the number of the fetch. */
function controlledQuery() {
  const queryClient = new QueryClient();
  const answers: ((value: number) => void)[] = [];
  const observer = new QueryObserver(queryClient, {
    queryKey: ['thing'],
    queryFn: () => new Promise<number>((resolve) => answers.push(resolve)),
  });
  const unsubscribe = observer.subscribe(() => undefined);
  const answer = async (index: number) => {
    await expect.poll(() => answers.length).toBeGreaterThan(index);
    answers[index]!(index + 1);
  };
  return { queryClient, answers, answer, unsubscribe };
}

it('follows a fetch already under way with a new one', async () => {
  const { queryClient, answers, answer, unsubscribe } = controlledQuery();
  await expect.poll(() => answers.length).toBe(1);
  const done = refetchAfterNow(queryClient, { queryKey: ['thing'] });
  await answer(0);
  await answer(1);
  await done;
  expect(answers).toHaveLength(2);
  expect(queryClient.getQueryData(['thing'])).toBe(2);
  unsubscribe();
});

it('fetches once when nothing is under way', async () => {
  const { queryClient, answers, answer, unsubscribe } = controlledQuery();
  await answer(0);
  await expect.poll(() => queryClient.isFetching()).toBe(0);
  const done = refetchAfterNow(queryClient, { queryKey: ['thing'] });
  await answer(1);
  await done;
  expect(answers).toHaveLength(2);
  unsubscribe();
});
