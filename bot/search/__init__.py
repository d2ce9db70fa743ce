"""Finding positions by name however they are typed, one file per job:

- :mod:`~bot.search.folding`: text folded to one Latin skeleton, transliteration, stemming;
- :mod:`~bot.search.terms`: how people type, read from ``data/search_terms.yaml``;
- :mod:`~bot.search.qualifiers`: levels, kinds of body and places that narrow a search;
- :mod:`~bot.search.vocabulary`: the index's words, and a query's words read against them;
- :mod:`~bot.search.roles`: kinds of post typed alone ("советник");
- :mod:`~bot.search.scoring`: scoring names and ranking them into an answer;
- :mod:`~bot.search.results`: what the search is given and what it answers;
- :mod:`~bot.search.index`: the index and its search, the entry point.

The names below are the public API; a category code typed as a query is read by :mod:`bot.codes`.
"""

from bot.search.folding import Word, fold, fold_words, stem
from bot.search.index import MAX_QUERY_CHARS, PositionIndex
from bot.search.results import IndexedName, PositionMatch, SearchResult
from bot.search.scoring import GOOD_SCORE, MARGIN, SUGGEST_SCORE
from bot.search.terms import SEARCH_TERMS_FILE, Role, SearchTerms, read_search_terms
from bot.search.vocabulary import WORDS_KEPT

__all__ = [
    "GOOD_SCORE", "MARGIN", "MAX_QUERY_CHARS", "SEARCH_TERMS_FILE", "SUGGEST_SCORE", "WORDS_KEPT", "IndexedName",
    "PositionIndex", "PositionMatch", "Role", "SearchResult", "SearchTerms", "Word", "fold", "fold_words",
    "read_search_terms", "stem",
]
