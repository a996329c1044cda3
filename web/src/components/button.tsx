// Buttons in the design system's style. A busy button ignores further clicks, so a slow request
// cannot be sent twice, and says so to assistive technology.
import type { ReactNode } from 'react';
import { Link } from 'react-router';

type Variant = 'primary' | 'secondary' | 'warning' | 'reverse';

const variantClass: Record<Variant, string> = {
  primary: '',
  secondary: ' nhsuk-button--secondary',
  warning: ' nhsuk-button--warning',
  reverse: ' nhsuk-button--reverse',
};

type ButtonProps = {
  children: ReactNode;
  variant?: Variant;
  type?: 'submit' | 'button';
  isBusy?: boolean;
  isSmall?: boolean;
  onClick?: () => void;
  id?: string;
};

export function Button({
  children,
  variant = 'primary',
  type = 'submit',
  isBusy,
  isSmall,
  onClick,
  id,
}: ButtonProps) {
  return (
    <button
      className={`nhsuk-button${variantClass[variant]}${isSmall ? ' nhsuk-button--small' : ''}`}
      type={type}
      id={id}
      aria-disabled={isBusy ? true : undefined}
      onClick={(event) => {
        if (isBusy) {
          event.preventDefault();
          return;
        }
        onClick?.();
      }}
      data-prevent-double-click="true"
    >
      {children}
    </button>
  );
}

export function ButtonLink({
  to,
  children,
  variant = 'primary',
}: {
  to: string;
  children: ReactNode;
  variant?: Variant;
}) {
  return (
    <Link className={`nhsuk-button${variantClass[variant]}`} to={to} draggable={false}>
      {children}
    </Link>
  );
}
