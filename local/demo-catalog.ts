/** The demo catalog of `npm start`: ~30 products over several categories and kinds. */
import type { Product, ProductKind } from '../shared/domain/catalog/schemas.js';

type Row = [name: string, category: string, brand: string, kind: ProductKind, partner: 'eu' | 'de', variants: [string, number, number][], description: string];

const ROWS: Row[] = [
  ['Türk Kahvesi Seti', 'food-and-drink', 'Kurukahveci', 'physical', 'eu', [['Klasik', 450, 40], ['Gümüş', 900, 10]], 'Bakır cezve, iki fincan ve 250 g taze çekilmiş kahve.'],
  ['Lokum Hediye Kutusu', 'food-and-drink', 'Hacı Bekir', 'physical', 'eu', [['500 g', 300, 60], ['1 kg', 520, 30]], 'Güllü, fıstıklı ve sade lokum.'],
  ['Specialty Coffee Subscription (3 months)', 'food-and-drink', 'Roastery Berlin', 'physical', 'de', [['Beans', 1800, 25], ['Ground', 1800, 25]], 'Three monthly bags of single-origin coffee.'],
  ['Olive Oil Tasting Set', 'food-and-drink', 'Ege Zeytin', 'physical', 'eu', [['3 × 250 ml', 650, 35]], 'Early-harvest oils from the Aegean coast.'],
  ['Çay Demlik Takımı', 'home-and-living', 'Paşabahçe', 'physical', 'eu', [['Standart', 700, 20]], 'Çelik demlik ve altı ince belli bardak.'],
  ['Linen Throw Blanket', 'home-and-living', 'Hamam Home', 'physical', 'eu', [['Sand', 1200, 15], ['Sage', 1200, 15]], 'Stone-washed linen, 130 × 170 cm.'],
  ['Peştemal Havlu Seti', 'home-and-living', 'Hamam Home', 'physical', 'eu', [['2 adet', 480, 50]], 'El dokuması pamuk peştemal.'],
  ['Scented Candle Trio', 'home-and-living', 'Nordlicht', 'physical', 'de', [['Winter', 390, 45]], 'Soy wax candles: cedar, orange, clove.'],
  ['Ceramic Plant Pot', 'home-and-living', 'Kütahya Porselen', 'physical', 'eu', [['Small', 250, 40], ['Large', 420, 25]], 'Hand-glazed pot with saucer.'],
  ['Noise-Cancelling Headphones', 'electronics', 'Sonora', 'physical', 'eu', [['Black', 6500, 8], ['Silver', 6500, 6]], 'Over-ear, 30-hour battery.'],
  ['Wireless Charger Stand', 'electronics', 'Voltra', 'physical', 'eu', [['15 W', 900, 30]], 'Qi2 charging for phone and earbuds.'],
  ['E-Reader', 'electronics', 'Pageturn', 'physical', 'de', [['16 GB', 4200, 10]], 'Glare-free 6-inch screen, waterproof.'],
  ['Portable Speaker', 'electronics', 'Sonora', 'physical', 'eu', [['Blue', 2100, 15], ['Red', 2100, 12]], 'Splash-proof, 12-hour battery.'],
  ['Smart Water Bottle', 'wellness', 'Hydra', 'physical', 'eu', [['500 ml', 800, 30]], 'Reminds you to drink, keeps cold 24 h.'],
  ['Yoga Mat', 'wellness', 'Asana', 'physical', 'eu', [['Purple', 950, 25], ['Green', 950, 25]], 'Natural rubber, 4 mm.'],
  ['Massage Voucher (60 min)', 'wellness', 'Spa Istanbul', 'gift_card_physical', 'eu', [['60 dk', 1600, 20]], 'A printed voucher for a partner spa.'],
  ['Running Socks (3 pairs)', 'wellness', 'Lauf', 'physical', 'de', [['S', 300, 40], ['M', 300, 40], ['L', 300, 40]], 'Cushioned merino running socks.'],
  ['Leather Notebook', 'office', 'Defter', 'physical', 'eu', [['A5', 350, 60]], 'Refillable, with 192 dotted pages.'],
  ['Fountain Pen', 'office', 'Schreibgut', 'physical', 'de', [['Fine', 1400, 12], ['Medium', 1400, 12]], 'Steel nib, converter included.'],
  ['Desk Organiser', 'office', 'Ahşap Atölye', 'physical', 'eu', [['Walnut', 750, 20]], 'Solid walnut tray with phone slot.'],
  ['Laptop Backpack', 'office', 'Rota', 'physical', 'eu', [['Grey', 1900, 15]], 'Fits 16-inch laptops, water-resistant.'],
  ['Board Game: Istanbul', 'experiences', 'Pegasus', 'physical', 'eu', [['TR', 1100, 10], ['DE', 1100, 10]], 'The bazaar trading game for 2–5 players.'],
  ['Cooking Class Voucher', 'experiences', 'Mutfak Sanatları', 'gift_card_physical', 'eu', [['1 kişi', 2200, 15]], 'A three-hour Anatolian cooking class.'],
  ['Museum Pass', 'experiences', 'Müzekart', 'gift_card_physical', 'eu', [['Yıllık', 900, 30]], 'A year of entry to state museums.'],
  ['Trendyol Dijital Hediye Kartı', 'gift-cards', 'Trendyol', 'gift_card_digital', 'eu', [['250 TL', 250, 0], ['500 TL', 500, 0]], 'Online alışverişte kullanılabilir kod.'],
  ['Amazon.de Gutschein', 'gift-cards', 'Amazon', 'gift_card_digital', 'de', [['25 EUR', 2500, 0], ['50 EUR', 5000, 0]], 'Digital code for amazon.de.'],
  ['Spotify Premium (3 months)', 'gift-cards', 'Spotify', 'gift_card_digital', 'eu', [['3 months', 1500, 0]], 'Digital code, redeem in the app.'],
  ['Migros Hediye Çeki', 'gift-cards', 'Migros', 'gift_card_physical', 'eu', [['200 TL', 200, 50]], 'Mağazalarda geçerli basılı çek.'],
  ['Plant a Tree Certificate', 'giving', 'TEMA', 'gift_card_digital', 'eu', [['1 tree', 100, 0]], 'A tree planted in your name, with certificate.'],
  ['Kids Book Bundle', 'giving', 'Okuyan Çocuk', 'physical', 'eu', [['5 books', 600, 25]], 'Five picture books donated to a village school.'],
];

const PARTNERS = { eu: { partnerId: 'demo-partner-eu', shipsTo: ['TR', 'DE'] }, de: { partnerId: 'demo-partner-de', shipsTo: ['DE'] } };

export function demoCatalog(at: string): { product: Product; codes: Map<string, string[]> }[] {
  return ROWS.map(([name, category, brand, kind, partner, variants, description], i) => {
    const productId = `demo-p${String(i + 1).padStart(2, '0')}`;
    const codes = new Map<string, string[]>();
    const product: Product = {
      productId, name, description, category, brand, images: [], kind, partnerId: PARTNERS[partner].partnerId,
      shipsTo: [...PARTNERS[partner].shipsTo], active: true, createdAt: at, updatedAt: at,
      variants: variants.map(([variantName, points, stock], v) => {
        const variantId = `${productId}-v${v + 1}`;
        if (kind === 'gift_card_digital') {
          codes.set(variantId, Array.from({ length: 20 }, (_, c) => `DEMO-${productId.slice(5)}${v + 1}-${String(c + 1).padStart(4, '0')}`));
        }
        return { variantId, sku: `${productId}-${v + 1}`.toUpperCase(), name: variantName, points, stock };
      }),
    };
    return { product, codes };
  });
}
