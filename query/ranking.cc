#include "mlsys/query/ranking.h"

#include "mlsys/schema/analysis.h"
#include "mlsys/schema/schema.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <unordered_set>

namespace mlsys::query {

namespace {

bool is_word(const Xapian::Query& query) {
    return query.get_type() == Xapian::Query::LEAF_TERM;
}

// The single term of a leaf query.
std::string term_of(const Xapian::Query& leaf) {
    return *leaf.get_terms_begin();
}

bool contains_digit(const std::string& s) {
    for (const char c : s) {
        if (std::isdigit(static_cast<unsigned char>(c))) return true;
    }
    return false;
}

// The same word (or stem) in titles only.
std::string title_form(const std::string& term) {
    return analysis::in_field(term, schema::field(schema::FieldId::Title).prefix);
}

// How many of `docs` (ascending) hold `term`, in one pass over its posting list.
std::size_t documents_holding(const Xapian::Database& db, const std::string& term,
                              const std::vector<Xapian::docid>& docs) {
    std::size_t holding = 0;
    Xapian::PostingIterator posting = db.postlist_begin(term);
    const Xapian::PostingIterator end = db.postlist_end(term);
    for (const Xapian::docid doc : docs) {
        if (posting == end) break;
        posting.skip_to(doc);
        if (posting != end && *posting == doc) ++holding;
    }
    return holding;
}

// The papers of `results`, as a boolean query of their id terms.
Xapian::Query papers_of(const Xapian::MSet& results) {
    const Xapian::valueno id_slot = schema::field(schema::FieldId::Id).slot;
    std::vector<Xapian::Query> ids;
    for (auto result = results.begin(); result != results.end(); ++result) {
        ids.emplace_back(schema::id_term(result.get_document().get_value(id_slot)));
    }
    return Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end());
}

// The first results of a search, asked how many of them hold a word. A rare word's posting list
// is read in one pass; a common word is counted by a match of the word among the results, where
// the papers are: a remote shard sends a list whole, one message an entry (a claim's common
// words made a shard send ten thousand postings), but a match's count as one message.
class FirstResults {
  public:
    FirstResults(const Xapian::Database& db, const Xapian::MSet& results) : db_(db), results_(results), enquire_(db) {
        for (auto result = results.begin(); result != results.end(); ++result) docs_.push_back(*result);
        std::sort(docs_.begin(), docs_.end());
        enquire_.set_weighting_scheme(Xapian::BoolWeight());
    }

    std::size_t size() const { return docs_.size(); }

    // How many of the results hold `word`, which `frequency` papers of the index hold.
    std::size_t holding(const std::string& word, Xapian::doccount frequency) {
        // About what a match costs a remote shard against a posting list's messages.
        constexpr Xapian::doccount kPostingsWorthAMatch = 200;
        if (frequency <= kPostingsWorthAMatch) return documents_holding(db_, word, docs_);
        if (!papers_) papers_ = papers_of(results_);
        // Every candidate is checked (check_at_least), so the count is exact.
        enquire_.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(word), *papers_));
        return enquire_.get_mset(0, 0, size()).get_matches_estimated();
    }

  private:
    const Xapian::Database& db_;
    const Xapian::MSet& results_;
    std::vector<Xapian::docid> docs_;  // ascending
    Xapian::Enquire enquire_;
    std::optional<Xapian::Query> papers_;  // made for the first common word
};

}  // namespace

const char* term_feature_name(TermFeature feature) {
    static const char* const kNames[kTermFeatureCount] = {
        "rarity", "has-digit", "title-share", "top-results-share", "word-length", "title-rarity"};
    return kNames[feature];
}

namespace {

// Walks the ORs at the top of `query` (the parser nests them around phrases), handing each
// word and each other piece to the callbacks.
template <typename OnWord, typename OnOther>
void walk_top_level_or(const Xapian::Query& query, OnWord on_word, OnOther on_other) {
    if (is_word(query)) {
        on_word(term_of(query));
    } else if (query.get_type() == Xapian::Query::OP_OR) {
        for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
            walk_top_level_or(query.get_subquery(i), on_word, on_other);
        }
    } else {
        on_other(query);
    }
}

// The words OR-ed at the top of `query`, in query order, each once.
std::vector<std::string> top_level_words(const Xapian::Query& query) {
    std::vector<std::string> words;
    std::unordered_set<std::string> seen;
    walk_top_level_or(
        query,
        [&](const std::string& word) {
            if (seen.insert(word).second) words.push_back(word);
        },
        [](const Xapian::Query&) {});
    return words;
}

// `query` with each of its top-level words scaled by exp(model · its features).
Xapian::Query apply_term_model(const Xapian::Query& query, const WordFeatures& features, const TermModel& model) {
    if (features.empty()) return query;
    std::vector<Xapian::Query> parts;
    for (const auto& [word, f] : features) {
        double score = 0;
        for (std::size_t i = 0; i < kTermFeatureCount; ++i) score += model[i] * f[i];
        parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(word), std::exp(score));
    }
    // Structure beside the words (phrases, AND groups) keeps its plain weight.
    walk_top_level_or(
        query, [](const std::string&) {}, [&](const Xapian::Query& other) { parts.push_back(other); });
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

}  // namespace

Ranker::Ranker(const Xapian::Database& db, const RankingOptions& options) : db_(db), options_(options) {}

void Ranker::configure(Xapian::Enquire& enquire) const {
    // k2 = 0 and k3 = 1 are Xapian's defaults; a minimum normalised length of 0.5 keeps very
    // short records (a title alone) from outscoring full abstracts.
    enquire.set_weighting_scheme(Xapian::BM25Weight(options_.bm25_k1, 0, 1, options_.bm25_b, 0.5));
}

Xapian::MSet Ranker::first_results(const Xapian::Query& filtered, const Xapian::MatchDecider* allowed) const {
    Xapian::Enquire enquire(db_);
    configure(enquire);
    enquire.set_query(filtered);
    return enquire.get_mset(0, options_.top_results, 0, nullptr, allowed);
}

std::array<double, kTermFeatureCount> Ranker::features_of(const std::string& term, Xapian::doccount frequency,
                                                          std::size_t in_top, std::size_t top) const {
    const double documents = std::max(2u, db_.get_doccount());
    const double df = std::max(1u, frequency);
    const double in_titles = db_.get_termfreq(title_form(term));
    std::array<double, kTermFeatureCount> f{};
    f[kRarity] = std::log(documents / df) / std::log(documents);
    f[kHasDigit] = contains_digit(term) ? 1 : 0;
    f[kTitleShare] = in_titles / df;
    f[kTopResultsShare] = top == 0 ? 0 : static_cast<double>(in_top) / top;
    f[kWordLength] = (term.size() - (term[0] == 'Z' ? 1 : 0)) / 10.0;
    f[kTitleRarity] = std::log(documents / (1.0 + in_titles)) / std::log(documents);
    return f;
}

WordFeatures Ranker::term_features(const Xapian::Query& query, const Xapian::Query& filtered,
                                   const Xapian::MatchDecider* allowed) const {
    const std::vector<std::string> words = top_level_words(query);
    WordFeatures features;
    if (words.size() < 2) return features;  // one word: nothing to weigh against
    const Xapian::MSet results = first_results(filtered, allowed);
    FirstResults top(db_, results);
    for (const std::string& word : words) {
        const Xapian::doccount frequency = db_.get_termfreq(word);
        features.emplace_back(word, features_of(word, frequency, top.holding(word, frequency), top.size()));
    }
    return features;
}

Xapian::Query Ranker::weighted(const Xapian::Query& query, const Xapian::Query& filtered,
                               const Xapian::MatchDecider* allowed) const {
    const bool model_is_off =
        std::all_of(options_.term_model.begin(), options_.term_model.end(), [](double c) { return c == 0; });
    if (model_is_off) return query;
    return apply_term_model(query, term_features(query, filtered, allowed), options_.term_model);
}

}  // namespace mlsys::query
