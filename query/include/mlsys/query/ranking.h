// How matches are scored: BM25, with each word of a natural-language query weighted by a small
// log-linear model of what the word is (how rare, whether it names a topic, whether the best
// first results already contain it). Every knob is an mlsys-query option; the defaults are the
// settings that scored best on the SciFact training judgments (mlsys-tune-ranking, bench/tune_ranking.cc).
#pragma once

#include <xapian.h>

#include <array>
#include <string>
#include <vector>

namespace mlsys::query {

// What the term model knows about a query word (the term, stemmed or not).
enum TermFeature : std::size_t {
    kRarity,           // log(N / df) / log(N): 0 for a word in every paper, 1 for a word in one
    kHasDigit,         // 1 for words with a digit ("p53", "2019", "h1n1")
    kTitleShare,       // df in titles / df anywhere: words papers put in titles name topics
    kTopResultsShare,  // share of the first results (plain BM25) that contain the word: the
                       // model lifts words those results lack, so papers covering more of the
                       // query rise
    kWordLength,       // characters / 10
    kTitleRarity,      // log(N / (1 + df in titles)) / log(N): with kRarity, tells apart words
                       // rare everywhere from words rare in abstracts but common in titles
    kTermFeatureCount
};

using TermModel = std::array<double, kTermFeatureCount>;

// Each word of a query with its features.
using WordFeatures = std::vector<std::pair<std::string, std::array<double, kTermFeatureCount>>>;

struct RankingOptions {
    // BM25 term-frequency saturation and length normalisation (Robertson & Zaragoza, "The
    // Probabilistic Relevance Framework: BM25 and Beyond", 2009).
    double bm25_k1 = 1.2;
    double bm25_b = 0.6;
    // A word's weight is multiplied by exp(term_model · features). All zeros is plain BM25.
    // Fitted by coordinate ascent on nDCG@10 (Metzler & Croft, "Linear feature-based models
    // for information retrieval", 2007) over the SciFact training queries, with k1 and b:
    //   mlsys-tune-ranking --db <SciFact index> --queries queries.jsonl --qrels qrels-train.tsv
    TermModel term_model{0.75, 0.5, 0.5, -0.25, 0.25, -1.0};
    // How many first results kTopResultsShare looks at.
    Xapian::doccount top_results = 10;
};

const char* term_feature_name(TermFeature feature);

class Ranker {
  public:
    Ranker(const Xapian::Database& db, const RankingOptions& options);

    void configure(Xapian::Enquire& enquire) const;

    // `query` with the term model applied to the words OR-ed at its top level (the shape of a
    // natural-language query); phrases, AND, NOT and other structure are left as they are, and
    // the set of matches never changes. The first results are those of `filtered`, the query
    // under the search's filters: ANDed in, or held by `allowed` (null when they are ANDed).
    Xapian::Query weighted(const Xapian::Query& query, const Xapian::Query& filtered,
                           const Xapian::MatchDecider* allowed = nullptr) const;

  private:
    // The features of each word of `query` that the model weighs.
    WordFeatures term_features(const Xapian::Query& query, const Xapian::Query& filtered,
                               const Xapian::MatchDecider* allowed) const;
    // `frequency` papers hold `term`, `in_top` of them among the `top` first results.
    std::array<double, kTermFeatureCount> features_of(const std::string& term, Xapian::doccount frequency,
                                                      std::size_t in_top, std::size_t top) const;
    Xapian::MSet first_results(const Xapian::Query& filtered, const Xapian::MatchDecider* allowed) const;

    const Xapian::Database& db_;
    const RankingOptions options_;
};

}  // namespace mlsys::query
