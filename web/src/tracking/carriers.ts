/** Carriers' display names by the codes partners and ShipEngine use; unknown codes show as given. */
const NAMES: Record<string, string> = {
  yurtici: 'Yurtiçi Kargo',
  aras: 'Aras Kargo',
  mng: 'MNG Kargo',
  ptt: 'PTT Kargo',
  surat: 'Sürat Kargo',
  ups: 'UPS',
  fedex: 'FedEx',
  dhl: 'DHL',
  dhl_express: 'DHL Express',
  tnt: 'TNT',
  usps: 'USPS',
};

/** The codes offered as suggestions in the partner's label form. */
export const KNOWN_CARRIERS = Object.keys(NAMES);

export function carrierName(code: string): string {
  return NAMES[code.toLowerCase()] ?? code;
}
