import type { Portal } from '../portal';
import { TrackingPage } from './tracking-page';
import './tracking.css';

/** The public tracking page for recipients (the last segment of an order's `trackingUrl` is the token). */
export const trackingPortal: Portal = {
  role: 'public',
  nav: [],
  routes: [{ path: '/track/:token', page: TrackingPage }],
};
