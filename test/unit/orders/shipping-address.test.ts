import { describe, expect, it } from 'vitest';
import { ShippingAddress } from '../../../shared/domain/orders/schemas.js';

const address = { name: 'Ayşe Yılmaz', line1: 'Bağdat Caddesi 1', city: 'İstanbul', postalCode: '34710', country: 'TR' };

describe('shipping address', () => {
  // Found by the fuzz suite: the postal code formats were looked up on a plain object, so a
  // country named like an Object.prototype member reached `undefined.test` (a 500).
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])('refuses the country %j as a validation error', (country) => {
    const result = ShippingAddress.safeParse({ ...address, country });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toContain('country');
  });

  it('still checks the postal code of a known country', () => {
    expect(ShippingAddress.safeParse({ ...address, postalCode: '1234' }).success).toBe(false);
    expect(ShippingAddress.safeParse(address).success).toBe(true);
  });
});
