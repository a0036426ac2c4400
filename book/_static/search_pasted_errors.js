/*
 * Search that copes with pasted error messages.
 *
 * Sphinx's search only lists pages that contain every word of the query. A pasted error message carries
 * the reader's own layer names, node names and file names ("conv1d_39", "sequential_2"), which no page of
 * this book contains, so the exact message finds nothing. Before Sphinx runs the query, this drops the
 * words that no page uses at all (not even as part of a longer word): they cannot help to find a page.
 * Numbers are already ignored by Sphinx. If no word is left, the query is kept as it was.
 */
document.addEventListener("DOMContentLoaded", () => {
  if (typeof Search === "undefined") return; // not the search page

  const indexed = (word) => {
    const { terms, titleterms } = Search._index;
    if (Object.hasOwn(terms, word) || Object.hasOwn(titleterms, word)) return true;
    // Sphinx also matches words of three letters or more inside longer indexed words.
    return word.length > 2 && [terms, titleterms].some((table) => Object.keys(table).some((term) => term.includes(word)));
  };

  const parseQuery = Search._parseQuery;
  Search._parseQuery = (query) => {
    const [searchQuery, searchTerms, ...rest] = parseQuery(query);
    const useful = new Set([...searchTerms].filter(indexed));
    return [searchQuery, useful.size > 0 ? useful : searchTerms, ...rest];
  };
});
