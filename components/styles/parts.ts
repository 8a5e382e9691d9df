/**
 * The `part` names every element uses for the same things, so that a host page styles them
 * alike everywhere with `::part()` (`teleservices-provider::part(button)` reaches the sign-in's
 * buttons too, through `exportparts`). Element-specific parts (`identity`, `messages`…) are
 * listed in each element's README.
 */
export const SHARED_PARTS = [
  'panel',
  'heading',
  'form',
  'field',
  'label',
  'input',
  'hint',
  'error',
  'error-summary',
  'notice',
  'button',
  'primary',
  'table',
  'row',
  'dialog',
] as const;

export type SharedPart = (typeof SHARED_PARTS)[number];

/** The `exportparts` value of an element rendered inside another: the shared parts, unchanged. */
export const FORWARDED_PARTS = SHARED_PARTS.join(', ');
