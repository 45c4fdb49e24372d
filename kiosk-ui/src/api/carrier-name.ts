const NAMES: Record<string, string> = {
  ups: 'UPS', fedex: 'FedEx', dhl: 'DHL', usps: 'USPS', ems: 'EMS', sf: 'SF Express', 'sf-express': 'SF Express', sfexpress: 'SF Express',
  amazon: 'Amazon', sscc: 'GS1 SSCC', upu: 'UPU (postal)', ontrac: 'OnTrac', 'china-post': 'China Post',
};

/** The carrier as a clerk reads it on the label: `ups` → `UPS`, `sf-express` → `SF Express`. */
export function carrierName(carrier: string | null | undefined): string | null {
  if (!carrier) return null;
  const key = carrier.trim().toLowerCase();
  if (NAMES[key]) return NAMES[key];
  return key.length <= 4 ? key.toUpperCase() : carrier.replace(/[-_]/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
}
