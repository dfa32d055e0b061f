import type { ReactNode } from 'react';
import { isPlainLeftClick, navigate } from '../lib/navigation';

interface NavLinkProps {
  to: string;
  current: boolean;
  /** The user is about to follow the link (pointer over it, or focus on it): e.g. load its code. */
  onIntent?: () => void;
  children: ReactNode;
}

/** A link to a page of the app, followed without reloading; a real link for new tabs and windows. */
export function NavLink({ to, current, onIntent, children }: NavLinkProps) {
  return (
    <a
      href={to}
      aria-current={current ? 'page' : undefined}
      onPointerEnter={onIntent}
      onFocus={onIntent}
      onClick={(event) => {
        if (!isPlainLeftClick(event)) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
