import { english } from '../i18n/messages.ts';
import type { OnDemandFrench } from './on-demand.messages.ts';

/** `onDemandMessages` in English, fetched when the element shows in English. */
export default english<OnDemandFrench>({
  moduleUnavailable:
    'The form could not be checked: part of the page could not be loaded (connection lost?). Nothing was sent or saved and what you typed is kept: try again in a moment or once you are back online.',
});
