import type { Locale } from '../../domain/i18n/index.ts';
import { ModuleUnavailableError } from '../data/on-demand.ts';
import { translator } from '../i18n/messages.ts';
import { onDemandMessages } from './on-demand.messages.ts';

/** The form's message when `error` is a module loaded on demand that could not be fetched, else null. */
export function moduleUnavailableMessage(error: unknown, locale: Locale): string | null {
  return error instanceof ModuleUnavailableError ? translator(onDemandMessages, locale)('moduleUnavailable') : null;
}
