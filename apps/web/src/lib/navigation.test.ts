import { afterEach, expect, it, vi } from 'vitest';
import { isPlainLeftClick, navigate, routeOf } from './navigation';

afterEach(() => window.history.replaceState(null, '', '/'));

it('maps paths to pages', () => {
  expect(
    ['/', '/subscribe', '/jobs', '/jobs/', '/jobs/x', '/account', '/account/', '/elsewhere'].map(
      routeOf,
    ),
  ).toEqual(['todos', 'subscribe', 'jobs', 'jobs', 'todos', 'account', 'account', 'todos']);
});

it('leaves clicks with a modifier or another button to the browser', () => {
  const click = {
    button: 0,
    metaKey: false,
    ctrlKey: false,
    shiftKey: false,
    altKey: false,
    defaultPrevented: false,
  };
  expect(isPlainLeftClick(click)).toBe(true);
  expect(isPlainLeftClick({ ...click, ctrlKey: true })).toBe(false);
  expect(isPlainLeftClick({ ...click, button: 1 })).toBe(false);
  expect(isPlainLeftClick({ ...click, defaultPrevented: true })).toBe(false);
});

it('adds a history entry and tells the listeners, once per change of page', () => {
  const heard = vi.fn();
  window.addEventListener('taskoverflow:navigated', heard);
  const entries = window.history.length;
  navigate('/jobs');
  navigate('/jobs');
  expect(window.location.pathname).toBe('/jobs');
  expect(window.history.length).toBe(entries + 1);
  expect(heard).toHaveBeenCalledTimes(1);
  window.removeEventListener('taskoverflow:navigated', heard);
});
