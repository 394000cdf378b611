import { defineMessages } from './define';

/** Messages of the tracking pages. */
export const tracking = defineMessages({
  en: {
    title: 'tracking',
  },
  tr: {
    title: 'tracking',
  },
  fa: {
    title: 'tracking',
  },
});
