import { defineMessages } from '../../i18n/messages.ts';

export const teleservicesProviderMessages = defineMessages({
  fr: {
    opening: 'Ouverture de vos données…',
  },
  en: {
    opening: 'Opening your data…',
  },
});
