import contrastThemeUrl from '../components/styles/themes/contrast.css?url';

export type DemoTheme = 'product' | 'contrast';

/**
 * The host page's theme switcher. The product theme is the page's own variables and the
 * widgets' default tokens; the contrast theme switches the page's variables (index.html) and
 * links the widgets' shipped theme, which only redefines --ts-* tokens: nothing in the widgets
 * changes, nothing is forked.
 */
export function applyTheme(theme: DemoTheme): void {
  document.documentElement.dataset['theme'] = theme;
  let link = document.querySelector<HTMLLinkElement>('link#teleservices-contrast-theme');
  if (theme === 'contrast' && !link) {
    link = document.createElement('link');
    link.id = 'teleservices-contrast-theme';
    link.rel = 'stylesheet';
    link.href = contrastThemeUrl;
    document.head.append(link);
  } else if (theme !== 'contrast') {
    link?.remove();
  }
}
