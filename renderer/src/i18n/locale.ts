// The locales of the UI, apart from i18n.ts (React): the formatting modules import only this,
// so Node-side tests of them do not pull React's DOM types into the node type check.
export type Locale = 'pt-BR' | 'en';
