import type { Portal } from '../portal';
import { CheckoutPage } from './checkout-page';
import { OrderPage } from './order-page';
import { OrdersPage } from './orders-page';
import { ProductPage } from './product-page';
import { StorePage } from './store-page';
import { WalletPage } from './wallet-page';

/** The employee gift store. */
export const employeePortal: Portal = {
  role: 'employee',
  nav: [
    { to: '/store', label: 'employee.navStore' },
    { to: '/store/orders', label: 'employee.navOrders' },
    { to: '/store/wallet', label: 'employee.navWallet' },
  ],
  routes: [
    { path: '/store', page: StorePage },
    { path: '/store/products/:productId', page: ProductPage },
    { path: '/store/checkout', page: CheckoutPage },
    { path: '/store/orders', page: OrdersPage },
    { path: '/store/orders/:orderId', page: OrderPage },
    { path: '/store/wallet', page: WalletPage },
  ],
};
