// /search/?q=… is a deep link: run it on load, and keep the address in step as the reader types
// or ticks filters (?q=term&f.topic=Sleep), so every state of the page can be shared.
// https://pagefind.app/docs/search-ui/ (Component UI instance API)
const components = window.PagefindComponents;
const instance = components?.getInstanceManager().getInstance('default');
if (instance) {
  const params = new URLSearchParams(location.search);
  const query = params.get('q') ?? '';
  const filters = {};
  for (const [key, value] of params) {
    if (key.startsWith('f.')) (filters[key.slice(2)] ??= []).push(value);
  }
  if (query || Object.keys(filters).length) instance.triggerSearchWithFilters(query, filters);
  instance.on('search', (term, selected = {}) => {
    const url = new URL(location.href);
    for (const key of [...url.searchParams.keys()]) {
      if (key === 'q' || key.startsWith('f.')) url.searchParams.delete(key);
    }
    if (term) url.searchParams.set('q', term);
    for (const [key, values] of Object.entries(selected)) {
      for (const value of [].concat(values)) url.searchParams.append(`f.${key}`, value);
    }
    history.replaceState(history.state, '', url);
  });
}
