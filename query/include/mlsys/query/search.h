// A search request in, a response out: matches, exact facet counts, snippets.
#pragma once

#include "mlsys/query/facets.h"
#include "mlsys/query/ranking.h"
#include "mlsys/query/related.h"

#include "mlsys/schema/paper.h"
#include "mlsys/schema/schema.h"
#include "mlsys/schema/venue_aliases.h"

#include <xapian.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace mlsys::query {

class AllowedPapers;

class QueryBuilder;
class SpellingCorrector;
struct ParsedQuery;
struct QueryAnalysis;  // mlsys/query/query_analysis.h

enum class SortOrder { Relevance, YearAscending, YearDescending };

// Which papers a short keyword query ("gpu cluster scheduling") counts, facets and ranks first.
enum class WordMatching {
    Auto,  // those holding all its words, unless fewer than `enough` do: then those first, the rest after
    All,   // only those holding all its words
    Any,   // any paper holding one of its words, ranked (the rule of longer queries)
};

// Word matching for short keyword queries; sentences (claims, abstracts) always match any word.
// The defaults were chosen on the SciFact training judgments and the all-lists queries
// (bench/README.md).
struct MatchingOptions {
    WordMatching mode = WordMatching::Auto;
    std::size_t max_keyword_words = 4;  // words that are no stopword; more make a sentence
    Xapian::doccount enough = 10;       // Auto: fewer papers holding every word add those holding some
};

// A keyword query: words, phrases, operators and field prefixes; empty matches every paper.
struct QueryText {
    std::string text;
};

// What a search matches: the papers a keyword query finds, or the papers related to a source
// (a paper of the index or a draft).
using Match = std::variant<QueryText, RelatedSource>;

// Everything that decides which papers come back and in what order; how much of each is shown
// is the caller's concern (HitDetail).
struct SearchRequest {
    Match match;
    // Filter values by field: values of one field are OR-ed, different fields AND-ed.
    std::map<schema::FieldId, std::vector<std::string>> filters;
    std::vector<schema::FieldId> facets{schema::FieldId::Venue, schema::FieldId::Year, schema::FieldId::Category};
    SortOrder sort = SortOrder::Relevance;
    Xapian::doccount offset = 0;
    Xapian::doccount limit = 10;
    RankingOptions ranking;          // keyword queries
    MatchingOptions matching;        // keyword queries
    RelatedOptions related_options;  // related-work sources
    bool explain = false;            // fill each hit's `explanation` (related-work searches)
};

// How much of each hit a search fills in.
enum class HitDetail {
    Full,     // whole records, snippets and an exact total
    IdsOnly,  // ids, ranks and scores (trec, ids): Xapian may stop early instead of scoring every match
};

// Snippets mark matched words with these bytes; each output format renders them its own way.
inline constexpr char kHighlightStart = '\x02';
inline constexpr char kHighlightEnd = '\x03';

struct Hit {
    Xapian::doccount rank = 0;  // 1-based, counting from the first result overall
    double score = 0;
    Paper paper;
    std::string snippet;  // HTML-escaped by Xapian, highlights marked as above
    // The whole title, escaped and marked as `snippet` is, for text output to highlight the
    // query's words in; empty for HitDetail::IdsOnly.
    std::string marked_title;
    std::vector<Contribution> explanation;  // with --explain: what made the paper related, strongest first
};

// An id: value of the query that names no paper and begins no id.
struct UnknownId {
    std::string value;
    std::vector<std::string> closest;  // closest_paper_ids; left empty for HitDetail::IdsOnly
};

// A filter value (--venue ICFP, venue:icfp in the text) that no paper of the index has, so that
// a search finding nothing says why.
struct FilterNotice {
    schema::FieldId field;
    std::string value;                 // as given
    std::vector<std::string> closest;  // the index's nearest values; for a year, the range it holds
};

// "no venue ICFP in this index; closest: ICML, ICDE", "no year 2030 in this index; it holds
// 2016..2019": the one wording, for every output format.
std::string filter_notice_message(const FilterNotice& notice);

struct SearchResponse {
    std::string query;
    // For --related and --like: the source paper (a draft has no id) the results are related to.
    std::optional<Paper> related_to;
    std::string corrected;               // spelling suggestion, empty when none
    bool showing_corrected = false;      // the query found nothing, so results are for `corrected`
    bool plain_words = false;            // the query did not parse, or found nothing, so its plain words were used
    std::vector<UnknownId> unknown_ids;  // so that a query naming a missing paper does not just find nothing
    std::vector<FilterNotice> filter_notices;  // worked out only when nothing matched
    Xapian::doccount total = 0;
    // A short keyword query: how many papers hold all its words (every one of `total` unless
    // `some_words`).
    std::optional<Xapian::doccount> matching_all;
    bool some_words = false;  // papers holding only some of the words are counted and follow
    Xapian::doccount offset = 0;
    Xapian::doccount limit = 0;
    std::vector<Hit> hits;
    std::vector<FacetCounts> facets;
};

// Throws InputError for a page or a --like draft past its bound (docs/limits.md); search()
// checks this first, and a front end may call it to report the bound as its own. The query's
// own bounds (length, terms, wildcard expansion) are checked as it is parsed and run.
void check_bounds(const SearchRequest& request);

class Searcher {
  public:
    // Opens the index at `db_path`; a missing or unreadable one throws IndexError.
    explicit Searcher(const std::string& db_path, const VenueAliases& aliases = VenueAliases::bundled());
    ~Searcher();

    // Text of the request that is not UTF-8 (the query, a draft, an id, a filter value) throws
    // InputError naming it and the byte.
    SearchResponse search(const SearchRequest& request, HitDetail detail = HitDetail::Full);

    // The stages keyword query text goes through to become the Xapian query search() runs
    // (InputError for text that is not UTF-8).
    QueryAnalysis analyze(const std::string& text);

    // The whole record of the paper `typed` names (an id, its unique start or an alias: see
    // resolve_paper_id, which throws InputError for an unknown or ambiguous id).
    Paper paper(const std::string& typed) const;
    // Every value of facet `field` in the index, most papers first (years newest first), for
    // --list-values and shell completion.
    std::vector<std::string> facet_values(schema::FieldId field);

  private:
    // Runs `read` on the index. A reader can fall behind writers: after two commits the blocks
    // it reads may be reused (Xapian::DatabaseModifiedError). Then the index is opened again,
    // by its path (so an index a rebuild swapped in is found), and `read` runs again, a bounded
    // number of times. Each run reads one commit, so no answer mixes two.
    void retrying(const std::function<void()>& read);
    void reopen();
    SearchResponse search_text(const SearchRequest& request, const std::string& text, HitDetail detail);
    SearchResponse search_related(const SearchRequest& request, const RelatedSource& source, HitDetail detail);
    SearchResponse run(const SearchRequest& request, const ParsedQuery& parsed, HitDetail detail);
    // `ranked` restricted to the papers holding all of a keyword query's words, or, when too
    // few do, those first and the rest after; sets the response's matching_all and some_words.
    Xapian::Query match_words(const SearchRequest& request, const Xapian::Query& ranked, const Xapian::Query& all_words,
                              const AllowedPapers* allowed, const Ranker& ranker, SearchResponse& response) const;
    // How many papers `query` matches under the request's filters (or `allowed`).
    Xapian::doccount count_matches(const SearchRequest& request, const Xapian::Query& query,
                                   const AllowedPapers* allowed) const;
    // The request's filter values and `in_text` (venue:icfp) that no paper has.
    std::vector<FilterNotice> filter_notices(const SearchRequest& request,
                                             const std::vector<std::pair<schema::FieldId, std::string>>& in_text);
    std::optional<FilterNotice> filter_notice(schema::FieldId field, const std::string& value);
    // `allowed` (from allowed_papers) filters a ranked search; without it the filters are ANDed.
    // `known_total`: how many papers `base` matches under them, when the caller has counted.
    SearchResponse run_base(const SearchRequest& request, const Xapian::Query& base, AllowedPapers* allowed,
                            bool ranked, const ConfigureWeighting& weighting, HitDetail detail,
                            std::optional<Xapian::doccount> known_total = std::nullopt);
    // The facets a search counts as it goes: unfiltered ones with the total; filtered
    // (disjunctive) ones when `decider_counts` (a ranking pass under AllowedPapers by docid:
    // bench/README.md, "Disjunctive facets in the phrase decider"), else apart (count_facets).
    struct FacetCounters {
        std::map<schema::FieldId, std::unique_ptr<FacetCounter>> counted;  // owns them all
        std::vector<FacetCounter*> unfiltered;
        std::vector<std::pair<schema::FieldId, FacetCounter*>> disjunctive;
    };
    FacetCounters facet_counters(const SearchRequest& request, bool decider_counts) const;
    // The page of `enquire`'s results (every match checked, when asked), `allowed` counting
    // the `disjunctive` facets meanwhile.
    Xapian::MSet ranking_pass(Xapian::Enquire& enquire, const SearchRequest& request, bool check_every_match,
                              AllowedPapers* allowed,
                              const std::vector<std::pair<schema::FieldId, FacetCounter*>>& disjunctive) const;
    // The results of `mset`, whole records with snippets for HitDetail::Full, ids otherwise.
    std::vector<Hit> hits_of(const Xapian::MSet& mset, const Xapian::Query& query, HitDetail detail) const;
    // The papers the request's filters let through, for a ranked `query` that needs them in a
    // decider rather than ANDed (see AllowedPapers); null when it does not.
    std::unique_ptr<AllowedPapers> allowed_papers(const SearchRequest& request, const Xapian::Query& query) const;
    // Each of the request's filters (less `leave_out`) as its field's query.
    std::vector<std::pair<schema::FieldId, Xapian::Query>> filter_queries(
        const SearchRequest& request, std::optional<schema::FieldId> leave_out) const;
    // The request's filters (less `leave_out`) ANDed, or nothing when it has none.
    std::optional<Xapian::Query> filter_query(const SearchRequest& request,
                                              std::optional<schema::FieldId> leave_out) const;
    Xapian::Query filtered(const Xapian::Query& query, const SearchRequest& request,
                           std::optional<schema::FieldId> leave_out) const;
    void configure_sort(Xapian::Enquire& enquire, const SearchRequest& request, bool text_query) const;
    // How many papers `query` matches (with `allowed`, when given), each one shown to the
    // counters' spies: one unweighted pass over every match, which returns no papers.
    Xapian::doccount count_every_match(const Xapian::Query& query, const AllowedPapers* allowed,
                                       const std::vector<FacetCounter*>& counters) const;
    // The request's facets in its order: those `counted` holds from it, the others counted here.
    std::vector<FacetCounts> count_facets(
        const SearchRequest& request, const Xapian::Query& query,
        const std::map<schema::FieldId, std::unique_ptr<FacetCounter>>& counted) const;

    std::string db_path_;
    Xapian::Database db_;
    // A shard is served by xapian-tcpsrv: only what Xapian can serialise runs (no MatchDecider).
    bool has_remote_shards_ = false;
    const VenueAliases& aliases_;
    std::unique_ptr<QueryBuilder> builder_;
    std::unique_ptr<SpellingCorrector> spelling_;
    // The stemmer snippets use when the query holds stemmed terms: the query's, remembering
    // each word's stem (RememberingStemmer): a cache, which the const hits_of fills.
    Xapian::Stem snippet_stemmer_;
    // The open index's facet columns, made as counting earns them: a cache, which the const
    // counting passes fill.
    std::unique_ptr<FacetColumns> facet_columns_;
};

// Opens the index or explains how to build one. The index is opened as one commit even while a
// rebuild swaps a new folder into its path.
Xapian::Database open_index(const std::string& db_path);

}  // namespace mlsys::query
