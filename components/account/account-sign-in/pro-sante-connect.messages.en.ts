import { english } from '../../i18n/messages.ts';
import type { ProSanteConnectFrench } from './pro-sante-connect.messages.ts';

/** `proSanteConnectMessages` in English, fetched when the element shows in English. */
export default english<ProSanteConnectFrench>({
  pscCancelled: 'Pro Santé Connect sign-in cancelled. Try again, or sign in with your identifier and password.',
  pscClosed: 'The Pro Santé Connect window was closed before the sign-in ended: start “Sign in with a CPS card” again.',
  pscBlocked: 'The browser blocked the Pro Santé Connect window: allow pop-ups for this site, then try again.',
  pscRefused: 'Pro Santé Connect refused the sign-in ({reason}). Try again, or sign in with your identifier and password.',
});
