/** Countries offered in pickers: the demo company's first, then common ones; names come from Intl. */
export const COUNTRIES = ['TR', 'DE', 'AT', 'BE', 'CH', 'ES', 'FR', 'GB', 'IE', 'IR', 'IT', 'NL', 'PL', 'PT', 'SE', 'US'] as const;

export function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
