import type { ComponentType } from 'react';
import type { Role } from './auth';
import type { NavItem } from './ui/layout';

/** A portal: who may use it, its navigation and its pages (patterns as in router.match). */
export interface Portal {
  role: Role | 'public';
  nav: NavItem[];
  routes: { path: string; page: ComponentType<{ params: Record<string, string> }> }[];
}
