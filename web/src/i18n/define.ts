/** A namespace of messages: English defines the keys; Turkish and Persian must translate every one. */
export function defineMessages<T extends Record<string, string>>(m: { en: T; tr: Record<keyof T, string>; fa: Record<keyof T, string> }) {
  return m;
}
