import { createContext } from '@lit/context';
import type { Locale } from '../../domain/i18n/index.ts';

/**
 * The locale a provider element hands down to every widget below it. Elements consume it with
 * `subscribe: true`, so switching the provider's locale re-renders them.
 */
export const localeContext = createContext<Locale>(Symbol('teleservices-locale'));
