/**
 * The primary subtag of a BCP 47 language tag, lowercased (`pt-BR` → `pt`), or `en` for an
 * empty tag: the language a page's direction, the search index and its word splitting are
 * chosen by. The one reading of the site's tag, for the model and the search alike.
 * https://www.rfc-editor.org/rfc/rfc5646#section-2.2.1
 */
export function primaryLanguage(tag: string): string {
  return tag.split('-')[0]?.toLowerCase() || 'en';
}
