import type { Portal } from '../portal';
import { ShipmentPage } from './shipment-page';
import { ShipmentsPage } from './shipments-page';
import './partner.css';

/** The partner console (issue 7): the shipments assigned to the signed-in partner, and what to report on each. */
export const partnerPortal: Portal = {
  role: 'partner',
  nav: [{ to: '/partner', label: 'partner.title' }],
  routes: [
    { path: '/partner', page: ShipmentsPage },
    { path: '/partner/shipments/:shipmentId', page: ShipmentPage },
  ],
};
