/**
 * French departments as they appear in postcodes, NIR, AM numbers and FINESS:
 * 01–95 (20 was split into 2A and 2B), 2A / 2B, and the overseas 971–976.
 */
const OVERSEAS = new Set(['971', '972', '973', '974', '975', '976']);

export function isDepartmentCode(code: string): boolean {
  if (code === '2A' || code === '2B') return true;
  if (/^\d{3}$/.test(code)) return OVERSEAS.has(code);
  if (!/^\d{2}$/.test(code)) return false;
  const n = Number(code);
  return n >= 1 && n <= 95 && n !== 20;
}

/**
 * The department of a 5-digit postcode: the first two digits, the first three overseas
 * (97x, 98x), and 2A (20000–20199) or 2B (20200–20999) in Corsica.
 */
export function departmentOfPostcode(postcode: string): string {
  if (postcode.startsWith('20')) return Number(postcode) < 20200 ? '2A' : '2B';
  if (postcode.startsWith('97') || postcode.startsWith('98')) return postcode.slice(0, 3);
  return postcode.slice(0, 2);
}
