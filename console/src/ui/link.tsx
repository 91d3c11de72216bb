import type { ComponentChildren, JSX } from 'preact';
import { BASE, onLinkClick } from '../router';

/** A real link (middle-click, copy address work) that navigates inside the console on a plain click. */
export function Link({ to, children, ...rest }: { to: string; children: ComponentChildren } & JSX.HTMLAttributes<HTMLAnchorElement>) {
  return (
    <a {...rest} href={`${BASE}${to}`} onClick={(event) => onLinkClick(event as unknown as MouseEvent, to)}>
      {children}
    </a>
  );
}
