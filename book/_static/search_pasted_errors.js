/*
 * Search that copes with pasted error messages.
 *
 * Sphinx's search only lists pages that contain every word of the query. A pasted error message carries
 * the reader's own layer names, node names and file names ("conv1d_39", "sequential_2"), which no chapter of
 * this book contains, so the exact message finds nothing. Before Sphinx runs the query, this drops the
 * words that no chapter uses at all (not even as part of a longer word): they cannot help to find a page.
 * The "Error messages" page quotes readers' messages, names and all, so a word found only there is dropped
 * too; that page still lists among the results, since it holds every word that is left.
 * Numbers are already ignored by Sphinx. If no word is left, the query is kept as it was.
 */
const QUOTED_MESSAGES_PAGE = "book/error_messages";

document.addEventListener("DOMContentLoaded", () => {
  if (typeof Search === "undefined") return; // not the search page

  const indexed = (word) => {
    const { terms, titleterms, docnames } = Search._index;
    const quoted = docnames.indexOf(QUOTED_MESSAGES_PAGE);
    const inChapters = (table, term) => [table[term]].flat().some((doc) => doc !== quoted);
    const tables = [terms, titleterms];
    if (tables.some((table) => Object.hasOwn(table, word) && inChapters(table, word))) return true;
    // Sphinx also matches words of three letters or more inside longer indexed words.
    return (
      word.length > 2 &&
      tables.some((table) => Object.keys(table).some((term) => term.includes(word) && inChapters(table, term)))
    );
  };

  const parseQuery = Search._parseQuery;
  Search._parseQuery = (query) => {
    const [searchQuery, searchTerms, ...rest] = parseQuery(query);
    const useful = new Set([...searchTerms].filter(indexed));
    return [searchQuery, useful.size > 0 ? useful : searchTerms, ...rest];
  };
});
