import { defineMessages } from './define';

/** Messages of the partner pages. */
export const partner = defineMessages({
  en: {
    title: 'partner',
  },
  tr: {
    title: 'partner',
  },
  fa: {
    title: 'partner',
  },
});
