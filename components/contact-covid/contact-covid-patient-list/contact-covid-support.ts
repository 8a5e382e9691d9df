import { html, type TemplateResult } from 'lit';
import type { Locale } from '../../../domain/i18n/index.ts';
import { translator } from '../../i18n/messages.ts';
import { patientListMessages } from './contact-covid-patient-list.messages.ts';

/** The guides' « Liens utiles »: where to get tested, and the insurer's articles for professionals and patients. */
export const USEFUL_LINKS = [
  { key: 'linkTestingSites', href: 'https://sante.fr/recherche/trouver/DepistageCovid' },
  { key: 'linkContactTracing', href: 'https://www.ameli.fr/medecin/actualites/les-medecins-au-coeur-du-circuit-de-contact-tracing-des-patients-covid-19' },
  {
    key: 'linkDataProtection',
    href: 'https://www.ameli.fr/medecin/actualites/contact-covid-et-protection-des-donnees-personnelles-tous-les-elements-pour-informer-les-patients',
  },
] as const;

/**
 * « Contactez l'assistance technique » (3608, choix 2) with the hours of the role's guide (the
 * pharmacists' guide for pharmacists and biologists, the doctors' for everyone else), and the
 * useful links.
 */
export function supportAndLinks(role: string, locale: Locale): TemplateResult {
  const t = translator(patientListMessages, locale);
  const hours = role === 'pharmacien' || role === 'biologiste' ? t('supportHoursPharmacy') : t('supportHoursDoctors');
  return html`<aside class="support" aria-labelledby="support-title">
    <h3 id="support-title">${t('supportTitle')}</h3>
    <p>${t('supportQuestion')}</p>
    <p>
      ${t('supportLine')} <a href="tel:3608" class="phone">3608</a> (${t('supportFree')}), <strong>${t('supportChoice')}</strong> — ${hours}
    </p>
    <ul>
      ${USEFUL_LINKS.map((link) => html`<li><a href=${link.href} target="_blank" rel="noopener noreferrer">${t(link.key)}</a></li>`)}
    </ul>
  </aside>`;
}
