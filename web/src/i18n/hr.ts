import { defineMessages } from './define';

/** Messages of the hr pages. */
export const hr = defineMessages({
  en: {
    title: 'hr',
  },
  tr: {
    title: 'hr',
  },
  fa: {
    title: 'hr',
  },
});
