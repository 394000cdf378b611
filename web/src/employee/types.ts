/** The API shapes the gift store reads (see the schemas in shared/domain). */
export interface Variant { variantId: string; sku: string; name: string; points: number; stock: number }
export interface CatalogProduct {
  productId: string; name: string; description: string; category: string; brand: string | null; images: string[];
  kind: 'physical' | 'gift_card_physical' | 'gift_card_digital'; shipsTo: string[]; variants: Variant[];
}
export interface Me { employeeId: string; name: string; balancePoints: number; expiring: { points: number; expiresAt: string }[] }
export interface LedgerEntry { entryId: string; deltaPoints: number; balanceAfter: number; kind: string; reference: string; note: string | null; at: string }
export interface Address { name: string; line1: string; line2?: string; city: string; postalCode: string; region?: string; country: string; phone?: string }
export interface OrderItem { productId: string; variantId: string; quantity: number; pointsEach: number; name: string; variantName: string; kind: CatalogProduct['kind']; giftCodes?: string[] }
export interface Shipment { shipmentId: string; partnerId: string; status: string; carrierCode: string | null; trackingNumber: string | null; trackingUrl: string | null }
export interface Order {
  orderId: string; employeeId: string; status: 'placed' | 'processing' | 'shipped' | 'delivered' | 'cancelled'; items: OrderItem[]; totalPoints: number;
  shippingAddress: Address; shipments: Shipment[]; createdAt: string; history: { status: string; at: string }[];
}

/** The tracking page of a shipment: the token is the last segment of its trackingUrl. */
export function trackingPath(shipment: Shipment): string | null {
  const token = shipment.trackingUrl?.split('/').pop();
  return token ? `/track/${token}` : null;
}
