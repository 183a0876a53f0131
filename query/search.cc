#include "mlsys/query/search.h"

#include "allowed_papers.h"
#include "field_values.h"
#include "filter_notices.h"
#include "query_builder.h"
#include "remembering_stemmer.h"
#include "spelling.h"

#include "mlsys/query/paper_ids.h"

#include "mlsys/schema/analysis.h"
#include "mlsys/schema/document.h"
#include "mlsys/schema/errors.h"
#include "mlsys/schema/index_path.h"
#include "mlsys/schema/limits.h"
#include "mlsys/schema/text.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>

namespace mlsys::query {

using schema::FieldId;

namespace {

constexpr std::size_t kSnippetBytes = 240;

// What a request holds comes back in the response (the query, the draft, the filter values),
// and JSON output can only hold UTF-8: bad bytes are the caller's input error, named here, not
// an exception from the JSON writer (found by fuzz/query_fuzzer.cc).
void require_utf8(std::string_view text, const std::string& what) {
    if (const auto bad = text::invalid_utf8_offset(text)) {
        throw InputError(what + " is not valid UTF-8 (byte " + std::to_string(*bad + 1) + ")");
    }
}

void require_utf8(const SearchRequest& request) {
    if (const auto* words = std::get_if<QueryText>(&request.match)) {
        require_utf8(words->text, "the query");
    } else {
        const auto& source = std::get<RelatedSource>(request.match);
        require_utf8(source.paper_id, "the paper id");
        require_utf8(source.text, "the draft");
    }
    for (const auto& [field, values] : request.filters) {
        for (const std::string& value : values)
            require_utf8(value, "a " + std::string(schema::field(field).name) + " filter");
    }
}

const schema::Field& facet_field(FieldId id) {
    const schema::Field& field = schema::field(id);
    if (!field.facet) throw UsageError(std::string(field.name) + " is not a facet");
    return field;
}

// Xapian's remote backend runs only what Xapian can serialise, and says so (UnimplementedError)
// before it searches for a MatchDecider, which it never can: asking once tells whether any
// shard is remote, however the stubs nest.
bool has_remote_shards(const Xapian::Database& db) {
    struct EveryPaper : Xapian::MatchDecider {
        bool operator()(const Xapian::Document&) const override { return true; }
    } every_paper;
    Xapian::Enquire probe(db);
    probe.set_query(Xapian::Query::MatchAll);
    try {
        probe.get_mset(0, 0, 0, nullptr, &every_paper);
        return false;
    } catch (const Xapian::UnimplementedError&) {
        return true;
    }
}

// A query of filter terms alone ("venue:nips", "references:x") weighs every paper 0, and Xapian
// orders equal weights by docid, which depends on the index's layout (one database or shards)
// and on the order papers were indexed in: such a query is listed as one without words is.
bool weighs_papers(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    return enquire.get_mset(0, 0).get_max_possible() > 0;  // checks no document: the bound alone
}

// Whether a response found what its query asked for: any paper, and for a short keyword query
// a paper holding all its words.
bool found_what_was_asked(const SearchResponse& response) {
    return response.total > 0 && response.matching_all.value_or(1) > 0;
}

// "NOT gpu" is every paper AND_NOT gpu: its every match weighs 0, as a query without words.
bool has_every_paper_part(const Xapian::Query& query) {
    if (query.get_type() == Xapian::Query::LEAF_MATCH_ALL) return true;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        if (has_every_paper_part(query.get_subquery(i))) return true;
    }
    return false;
}

// Whether `query` holds an unprefixed stem ("Zword"), which a snippet needs a stemmer to mark.
bool has_stemmed_term(const Xapian::Query& query) {
    return std::any_of(query.get_terms_begin(), query.get_terms_end(), analysis::is_unprefixed_stem);
}

// Xapian's stemmer of no language: leaves each word as it is.
const Xapian::Stem kNoStemmer;

bool has_positional_part(const Xapian::Query& query) {
    const auto type = query.get_type();
    if (type == Xapian::Query::OP_PHRASE || type == Xapian::Query::OP_NEAR) return true;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        if (has_positional_part(query.get_subquery(i))) return true;
    }
    return false;
}

// A search that a writer overtook this many times in a row gives up with Xapian's error.
constexpr int kReadAttempts = 5;

// `read`, run again after `reopen` each time a writer has moved the index on under it.
void read_retrying(const std::function<void()>& read, const std::function<void()>& reopen) {
    for (int attempt = 1;; ++attempt) {
        try {
            return read();
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt == kReadAttempts) throw;
        }
        reopen();
    }
}

// The folder (or stub file) at `path`, as the file system knows it: a rebuild's swap changes it.
std::optional<std::pair<dev_t, ino_t>> file_identity(const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return std::nullopt;
    return std::make_pair(info.st_dev, info.st_ino);
}

// Xapian opens an index's files one by one: should a rebuild swap its folder in meanwhile, the
// files could come from two indexes. The path is checked to name the same folder before and
// after, and opened again when it does not.
Xapian::Database open_one_commit(const std::string& db_path) {
    for (int attempt = 1;; ++attempt) {
        const auto before = file_identity(db_path);
        try {
            Xapian::Database db(db_path);
            if (file_identity(db_path) == before || attempt == kReadAttempts) return db;
        } catch (const Xapian::DatabaseError&) {
            if (file_identity(db_path) == before || attempt == kReadAttempts) throw;
        }
    }
}

}  // namespace

Xapian::Database open_index(const std::string& db_path) {
    switch (schema::classify_index_path(db_path)) {
        case schema::IndexPath::Missing:
        case schema::IndexPath::EmptyFolder:
            throw IndexError("no index at " + db_path + ": build it with `mlsys-index --db " + db_path +
                             " data/papers.jsonl`");
        case schema::IndexPath::Foreign:
            // Never suggest indexing into it: mlsys-index leaves such a path alone.
            throw IndexError(db_path + " is not an mlsys-search index (it is " +
                             schema::describe_foreign_path(db_path) + "): give --db the index mlsys-index built");
        case schema::IndexPath::OwnIndex:
        case schema::IndexPath::OwnStub:
            break;
    }
    try {
        return open_one_commit(db_path);
    } catch (const Xapian::DatabaseError& e) {
        throw IndexError("cannot open the index at " + db_path + " (" + e.get_msg() +
                         "): rebuild it with `mlsys-index --db " + db_path + " --rebuild INPUT...`");
    }
}

Searcher::Searcher(const std::string& db_path, const VenueAliases& aliases) : db_path_(db_path), aliases_(aliases) {
    reopen();  // opening is reopening from nothing: one place builds the parts over the index
}

Searcher::~Searcher() = default;

void check_bounds(const SearchRequest& request) {
    if (request.limit > limits::kMaxResults) {
        throw InputError("--limit: at most " + std::to_string(limits::kMaxResults) + " results a page, not " +
                         std::to_string(request.limit) + "; --offset gives the next page (docs/limits.md)");
    }
    if (request.offset > limits::kMaxOffset) {
        throw InputError("--offset: at most " + std::to_string(limits::kMaxOffset) + ", not " +
                         std::to_string(request.offset) + " (docs/limits.md)");
    }
    const auto* source = std::get_if<RelatedSource>(&request.match);
    if (source && source->text.size() > limits::kMaxTextBytes) {
        throw InputError("--like: the draft is longer than " + limits::describe_bytes(limits::kMaxTextBytes) +
                         " (docs/limits.md)");
    }
}

QueryAnalysis Searcher::analyze(const std::string& text) {
    require_utf8(text, "the query");
    return builder_->analyze(text);
}

void Searcher::reopen() {
    db_ = open_index(db_path_);
    has_remote_shards_ = has_remote_shards(db_);
    facet_columns_ = std::make_unique<FacetColumns>(db_, db_.size() == 1 && !has_remote_shards_);
    builder_ = std::make_unique<QueryBuilder>(db_, aliases_);
    snippet_stemmer_ = Xapian::Stem(new RememberingStemmer(builder_->stemmer()));
    spelling_ = std::make_unique<SpellingCorrector>(db_);
}

void Searcher::retrying(const std::function<void()>& read) {
    read_retrying(read, [this] { reopen(); });
}

Paper Searcher::paper(const std::string& typed) const {
    Xapian::Database db = db_;  // a const search: a reopened index is its own
    Paper found;
    read_retrying(
        [&] {
            const std::string id_term = schema::id_term(resolve_paper_id(db, typed));
            found = paper_from_document(db.get_document(*db.postlist_begin(id_term)));
        },
        [&] { db = open_index(db_path_); });
    return found;
}

SearchResponse Searcher::search(const SearchRequest& request, HitDetail detail) {
    require_utf8(request);
    check_bounds(request);
    SearchResponse response;
    try {
        retrying([&] {
            if (const auto* source = std::get_if<RelatedSource>(&request.match)) {
                response = search_related(request, *source, detail);
            } else {
                response = search_text(request, std::get<QueryText>(request.match).text, detail);
            }
        });
    } catch (const Xapian::WildcardError&) {
        throw InputError("query: a wildcard matches more than " + std::to_string(limits::kMaxWildcardTerms) +
                         " words; give more letters before the * (docs/limits.md)");
    }
    return response;
}

SearchResponse Searcher::search_text(const SearchRequest& request, const std::string& text, HitDetail detail) {
    const std::size_t keyword_words = request.matching.max_keyword_words;
    const ParsedQuery parsed = builder_->parse(text, keyword_words);
    SearchResponse response = run(request, parsed, detail);
    response.plain_words = parsed.plain_words;
    // "Did you mean" is worked out for every query (it looks words up only when the index
    // lacks them) and shown in every format; it replaces the query only when the query as
    // written finds nothing, or, for a short keyword query, no paper holding all its words.
    // Then the query's plain words (a stray quote or operator should not cost the user every
    // result; a field filter it understood may, as the filter options do). A query that finds
    // papers without the filters was understood: that none pass them is the answer, not a
    // reason to drop its phrases.
    const std::string corrected = spelling_->correction(text);
    if (!corrected.empty() && !found_what_was_asked(response)) {
        SearchResponse retry = run(request, builder_->parse(corrected, keyword_words), detail);
        if (found_what_was_asked(retry)) {
            response = std::move(retry);
            response.showing_corrected = true;
        }
    }
    if (response.total == 0 && !parsed.plain_words && !parsed.has_field_filter &&
        (request.filters.empty() || !matches_any_paper(db_, parsed.query))) {
        const ParsedQuery plain = builder_->parse_plain_words(text);
        if (plain.query.serialise() != parsed.query.serialise()) {
            SearchResponse relaxed = run(request, plain, detail);
            if (relaxed.total > 0) {
                response = std::move(relaxed);
                response.plain_words = true;
            }
        }
    }
    response.query = text;
    response.corrected = corrected;
    if (response.total == 0) response.filter_notices = filter_notices(request, parsed.field_values);
    for (const std::string& value : parsed.unknown_ids) {
        // Suggestions read every id: only for full responses, where someone reads them.
        response.unknown_ids.push_back({value, detail == HitDetail::Full ? closest_paper_ids(db_, value, kIdsListed)
                                                                         : std::vector<std::string>{}});
    }
    return response;
}

SearchResponse Searcher::run(const SearchRequest& request, const ParsedQuery& parsed, HitDetail detail) {
    const bool text_query = !parsed.query.empty();
    const Ranker ranker(db_, request.ranking);
    const std::unique_ptr<AllowedPapers> allowed = text_query ? allowed_papers(request, parsed.query) : nullptr;
    const Xapian::Query first_pass = allowed ? parsed.query : filtered(parsed.query, request, std::nullopt);
    Xapian::Query base =
        text_query ? ranker.weighted(parsed.query, first_pass, allowed.get()) : Xapian::Query::MatchAll;
    SearchResponse word_counts;
    if (parsed.all_words && request.matching.mode != WordMatching::Any) {
        base = match_words(request, base, *parsed.all_words, allowed.get(), ranker, word_counts);
    }
    // When papers holding some words follow those holding all, the facets still count only
    // the latter (if any): the counts say what the query asked for, not its long tail.
    const bool facets_of_all_words = word_counts.some_words && word_counts.matching_all.value_or(0) > 0;
    SearchRequest listed = request;
    if (facets_of_all_words) listed.facets.clear();
    // Only a query holding a field filter or every paper ("NOT gpu") can weigh nothing: others
    // skip the extra pass (it cost plain title queries a third of their time on bench/related).
    const bool may_weigh_nothing = parsed.has_field_filter || has_every_paper_part(parsed.query);
    const bool ranked = text_query && (!may_weigh_nothing || weighs_papers(db_, base));
    // Listing the papers holding every word alone, match_words has counted them already.
    const std::optional<Xapian::doccount> known_total =
        word_counts.some_words ? std::nullopt : word_counts.matching_all;
    SearchResponse response = run_base(
        listed, base, allowed.get(), ranked, [&](Xapian::Enquire& enquire) { ranker.configure(enquire); }, detail,
        known_total);
    if (facets_of_all_words) response.facets = count_facets(request, *parsed.all_words, {});
    response.matching_all = word_counts.matching_all;
    response.some_words = word_counts.some_words;
    return response;
}

Xapian::Query Searcher::match_words(const SearchRequest& request, const Xapian::Query& ranked,
                                    const Xapian::Query& all_words, const AllowedPapers* allowed, const Ranker& ranker,
                                    SearchResponse& response) const {
    const Xapian::doccount all = count_matches(request, all_words, allowed);
    response.matching_all = all;
    // OP_FILTER keeps the ranked query's weights: the papers holding every word come in the
    // order the query would give them among all its matches.
    const Xapian::Query only_all(Xapian::Query::OP_FILTER, ranked, all_words);
    if (all >= request.matching.enough || request.matching.mode == WordMatching::All) return only_all;
    response.some_words = true;
    if (all == 0) return ranked;
    // Too few hold every word: they come first, lifted above any other match by a fixed weight
    // above the ranked query's largest possible one, then the papers holding some words.
    Xapian::Enquire bound(db_);
    ranker.configure(bound);
    bound.set_query(ranked);
    const double lift = bound.get_mset(0, 0).get_max_possible() + 1;
    const Xapian::Query lifted(Xapian::Query::OP_AND, only_all,
                               Xapian::Query((new Xapian::FixedWeightPostingSource(lift))->release()));
    return Xapian::Query(Xapian::Query::OP_OR, lifted, ranked);
}

Xapian::doccount Searcher::count_matches(const SearchRequest& request, const Xapian::Query& query,
                                         const AllowedPapers* allowed) const {
    return count_every_match(allowed ? query : filtered(query, request, std::nullopt), allowed, {});
}

SearchResponse Searcher::search_related(const SearchRequest& request, const RelatedSource& source, HitDetail detail) {
    const RelatedQuery related(db_, source, request.related_options, aliases_);
    // Related work is weighted its own way (RelatedOptions), not as keyword queries are.
    const std::unique_ptr<AllowedPapers> allowed = allowed_papers(request, related.query());
    SearchResponse response = run_base(
        request, related.query(), allowed.get(), true, [&](Xapian::Enquire& enquire) { related.configure(enquire); },
        detail);
    response.related_to = related.source();
    if (response.total == 0) response.filter_notices = filter_notices(request, {});
    if (request.explain) {
        std::vector<std::string> ids;
        for (const Hit& hit : response.hits) ids.push_back(hit.paper.id);
        auto explained = related.explain(ids);
        for (Hit& hit : response.hits) hit.explanation = std::move(explained[hit.paper.id]);
    }
    return response;
}

SearchResponse Searcher::run_base(const SearchRequest& request, const Xapian::Query& base, AllowedPapers* allowed,
                                  bool ranked, const ConfigureWeighting& weighting, HitDetail detail,
                                  std::optional<Xapian::doccount> known_total) {
    const Xapian::Query query = allowed ? base : filtered(base, request, std::nullopt);
    const bool full = detail == HitDetail::Full;
    // Most of a broad query's matches cannot reach the shown page, and Xapian skips them when
    // it need not count them: the page is ranked alone and every match counted in a pass of its
    // own, unweighted (bench/README.md, "Counting apart from ranking"). A phrase's cost is in
    // checking positions, which that pass would do again: a query with one is ranked and
    // counted in one pass, its spies in it, save over remote shards, where Xapian 1.4 counts
    // some matches twice for a spy in a match that returns papers.
    const bool one_pass = has_positional_part(query);
    const bool spies_in_ranking = one_pass && !has_remote_shards_;
    const FacetCounters counters = facet_counters(request, spies_in_ranking && allowed && allowed->by_docid());
    const auto& [counted, unfiltered, disjunctive] = counters;
    Xapian::Enquire enquire(db_);
    weighting(enquire);
    enquire.set_query(query);
    configure_sort(enquire, request, ranked);
    if (spies_in_ranking) {
        for (FacetCounter* counter : unfiltered) enquire.add_matchspy(counter->spy());
    }
    const bool check_every_match = one_pass && (full || !counted.empty());
    const Xapian::MSet mset = ranking_pass(enquire, request, check_every_match, allowed, disjunctive);

    SearchResponse response;
    response.total = known_total.value_or(mset.get_matches_estimated());
    response.offset = request.offset;
    response.limit = request.limit;
    response.hits = hits_of(mset, query, detail);
    // Xapian's bounds meet when the ranking pass knows the total, as when it checked every match.
    const bool total_known = known_total || mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    if (spies_in_ranking) {
        std::vector<FacetCounter*> all;
        for (const auto& [id, counter] : counted) all.push_back(counter.get());
        facet_columns_->counted(all);
    } else if (!unfiltered.empty() || (full && !total_known)) {
        response.total = count_every_match(query, allowed, unfiltered);
    }
    response.facets = count_facets(request, base, counted);
    return response;
}

Searcher::FacetCounters Searcher::facet_counters(const SearchRequest& request, bool decider_counts) const {
    FacetCounters counters;
    for (const FieldId id : request.facets) {
        const bool has_filter = request.filters.count(id) != 0;
        if (has_filter && !decider_counts) continue;
        FacetCounter* counter = (counters.counted[id] = facet_columns_->counter(facet_field(id))).get();
        if (has_filter) {
            counters.disjunctive.emplace_back(id, counter);
        } else {
            counters.unfiltered.push_back(counter);
        }
    }
    return counters;
}

Xapian::MSet Searcher::ranking_pass(Xapian::Enquire& enquire, const SearchRequest& request, bool check_every_match,
                                    AllowedPapers* allowed,
                                    const std::vector<std::pair<FieldId, FacetCounter*>>& disjunctive) const {
    // The decider counts for this pass alone, whatever it throws.
    struct Counting {
        AllowedPapers* allowed;
        ~Counting() {
            if (allowed) allowed->count_disjunctive(nullptr);
        }
    } counting{disjunctive.empty() ? nullptr : allowed};
    if (counting.allowed) counting.allowed->count_disjunctive(&disjunctive);
    return enquire.get_mset(request.offset, request.limit, check_every_match ? db_.get_doccount() : 0, nullptr,
                            allowed);
}

std::vector<Hit> Searcher::hits_of(const Xapian::MSet& mset, const Xapian::Query& query, HitDetail detail) const {
    std::vector<Hit> hits;
    // A snippet stems each word of the text to compare it with the query's stemmed terms; a
    // query with none (a phrase, exact words) marks the same words unstemmed, and stemming
    // was a third of such a query's time (bench/README.md, "Snippets of a query without stems").
    const bool snippets = detail == HitDetail::Full && !mset.empty();
    const Xapian::Stem& stemmer = snippets && has_stemmed_term(query) ? snippet_stemmer_ : kNoStemmer;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        Hit hit;
        hit.rank = it.get_rank() + 1;  // get_rank counts from the first match, not the offset
        hit.score = it.get_weight();
        if (detail != HitDetail::Full) {
            hit.paper.id = it.get_document().get_value(schema::field(FieldId::Id).slot);
            hits.push_back(std::move(hit));
            continue;
        }
        hit.paper = paper_from_document(it.get_document());
        // No SNIPPET_BACKGROUND_MODEL: it looks up the frequency of every word of every shown
        // abstract in the index, three quarters of a one-word query's time (bench/perf).
        hit.snippet = mset.snippet(hit.paper.abstract, kSnippetBytes, stemmer, Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                   std::string(1, kHighlightStart), std::string(1, kHighlightEnd), "…");
        // Longer than the title and without an omission mark, so the title comes back whole.
        hit.marked_title = mset.snippet(hit.paper.title, hit.paper.title.size() + 1, stemmer, 0,
                                        std::string(1, kHighlightStart), std::string(1, kHighlightEnd), "");
        hits.push_back(std::move(hit));
    }
    return hits;
}

Xapian::doccount Searcher::count_every_match(const Xapian::Query& query, const AllowedPapers* allowed,
                                             const std::vector<FacetCounter*>& counters) const {
    Xapian::Enquire enquire(db_);
    // Counts only: no BM25 score per match, which a ranked pass over every match spent most
    // of its time on (bench/README.md, "Counting apart from ranking").
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_query(query);
    // A pass that returns no papers: over remote shards Xapian 1.4 counts some matches twice
    // for a spy in a match that returns papers (as many as the shards' windows overlap).
    for (FacetCounter* counter : counters) enquire.add_matchspy(counter->spy());
    // Checking every document makes the total and the facet counts exact, not estimates.
    const Xapian::doccount total = enquire.get_mset(0, 0, db_.get_doccount(), nullptr, allowed).get_matches_estimated();
    facet_columns_->counted(counters);
    return total;
}

std::unique_ptr<AllowedPapers> Searcher::allowed_papers(const SearchRequest& request,
                                                        const Xapian::Query& query) const {
    // Xapian's remote backend cannot run a MatchDecider: over remote shards the filters are
    // ANDed in, the one way it can run them (the phrase bug may then weigh a paper as if it held
    // an OR-ed phrase; the matches, counts and facets are the same).
    if (!has_positional_part(query) || has_remote_shards_) return nullptr;
    const std::vector<std::pair<FieldId, Xapian::Query>> filters = filter_queries(request, std::nullopt);
    if (filters.empty()) return nullptr;
    return std::make_unique<AllowedPapers>(db_, filters);
}

std::vector<std::pair<FieldId, Xapian::Query>> Searcher::filter_queries(const SearchRequest& request,
                                                                        std::optional<FieldId> leave_out) const {
    std::vector<std::pair<FieldId, Xapian::Query>> filters;
    for (const auto& [id, values] : request.filters) {
        if (id == leave_out || values.empty()) continue;
        filters.emplace_back(id, any_value_query(schema::field(id), values, aliases_));
    }
    return filters;
}

std::optional<Xapian::Query> Searcher::filter_query(const SearchRequest& request,
                                                    std::optional<FieldId> leave_out) const {
    const std::vector<std::pair<FieldId, Xapian::Query>> filters = filter_queries(request, leave_out);
    if (filters.empty()) return std::nullopt;
    return all_filters(filters);
}

Xapian::Query Searcher::filtered(const Xapian::Query& query, const SearchRequest& request,
                                 std::optional<FieldId> leave_out) const {
    const std::optional<Xapian::Query> filter = filter_query(request, leave_out);
    return filter ? Xapian::Query(Xapian::Query::OP_FILTER, query, *filter) : query;
}

void Searcher::configure_sort(Xapian::Enquire& enquire, const SearchRequest& request, bool text_query) const {
    if (request.sort == SortOrder::Relevance && text_query) return;  // Xapian's default
    const bool newest_first = request.sort != SortOrder::YearAscending;
    // One value slot each way, which the remote backend can sort by as well (no KeyMaker).
    if (text_query) {
        enquire.set_sort_by_value_then_relevance(schema::field(FieldId::Year).slot, newest_first);
        return;
    }
    // Without query words every score is equal: list newest first, ties by id, so the order
    // does not depend on the order papers were indexed in.
    enquire.set_sort_by_value(newest_first ? schema::kNewestFirstSlot : schema::kOldestFirstSlot, false);
}

std::vector<FacetCounts> Searcher::count_facets(const SearchRequest& request, const Xapian::Query& query,
                                                const std::map<FieldId, std::unique_ptr<FacetCounter>>& counted) const {
    std::vector<FacetCounts> facets;
    for (const FieldId id : request.facets) {
        if (const auto it = counted.find(id); it != counted.end()) {
            facets.push_back(it->second->result());
            continue;
        }
        // Disjunctive facet: count it as if its own filter were not set, so the user sees
        // every alternative, while the other filters still apply. A facet not counted with
        // the total is counted here under every filter.
        const bool has_filter = request.filters.count(id) != 0;
        const std::unique_ptr<FacetCounter> counter = facet_columns_->counter(facet_field(id));
        count_every_match(filtered(query, request, has_filter ? std::optional<FieldId>(id) : std::nullopt), nullptr,
                          {counter.get()});
        facets.push_back(counter->result());
    }
    return facets;
}

}  // namespace mlsys::query
