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
 *
 * Sphinx scores a page by which query words it holds (more for a word in a heading), not how often, and
 * lists pages of equal score in alphabetical order of their names. For a pasted message (five words or more
 * left), the pages whose job is to explain messages come first: the error gallery, which runs each one, then
 * the Error messages page, which quotes every wording with its causes and the chapter that runs each. For a
 * shorter query they only come first among pages of equal score, so a search for a topic finds its chapter.
 */
const QUOTED_MESSAGES_PAGE = "book/error_messages";
const MESSAGE_PAGE_RANK = { "notebooks/06_error_gallery": 2, [QUOTED_MESSAGES_PAGE]: 1 };
const PASTED_MESSAGE_WORDS = 5;

document.addEventListener("DOMContentLoaded", () => {
  if (typeof Search === "undefined") return; // not the search page

  let pasted = false; // whether the query being run looks like a pasted message
  // Far above any score a page can reach for a pasted message, or below any difference between two scores.
  const bonus = () => (pasted ? 1000 : 0.1);
  Scorer.score = (result) => result[4] + bonus() * (MESSAGE_PAGE_RANK[result[0]] ?? 0);

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
    pasted = useful.size >= PASTED_MESSAGE_WORDS;
    return [searchQuery, useful.size > 0 ? useful : searchTerms, ...rest];
  };
});
