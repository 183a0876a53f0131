// How matches are scored: BM25 with tuned parameters, a proximity boost for query words that
// stand near each other in a paper, and pseudo-relevance feedback through Xapian's ESet.
// Every knob is an mlsys-query option; the defaults are the settings that scored best on the
// SciFact training judgments (bench/relevance, ARCHITECTURE.md).
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

namespace mlsys::query {

struct RankingOptions {
    // BM25 term-frequency saturation and length normalisation (Robertson & Zaragoza, "The
    // Probabilistic Relevance Framework: BM25 and Beyond", 2009).
    double bm25_k1 = 1.0;
    double bm25_b = 0.5;
    // Pairs of consecutive query words found within `proximity_window` words of each other add
    // `proximity_weight` times their BM25 weight (in the spirit of Metzler & Croft's sequential
    // dependence model, 2005). 0 turns it off.
    double proximity_weight = 0;
    Xapian::termpos proximity_window = 8;
    // Pseudo-relevance feedback: the best `feedback_terms` words of the top `feedback_docs`
    // results are added with `feedback_weight` times their weight (RM3-like, Lavrenko & Croft
    // 2001; Abdul-Jaleel et al. 2004). 0 documents turns it off.
    Xapian::doccount feedback_docs = 0;
    Xapian::termcount feedback_terms = 0;
    double feedback_weight = 0;
};

// The query words of `text` in order, lower-cased, without stopwords, field-prefixed words,
// operators or excluded (-word) words: the words proximity pairs are made of.
std::vector<std::string> proximity_words(const std::string& text);

class Ranker {
  public:
    Ranker(const Xapian::Database& db, const RankingOptions& options);

    void configure(Xapian::Enquire& enquire) const;

    // `query` (parsed from `text`) with the proximity boost; the set of matches is unchanged.
    Xapian::Query with_proximity(const Xapian::Query& query, const std::string& text) const;

    // `query` with words from the top results of `filtered_query` added as a boost; the set of
    // matches is unchanged.
    Xapian::Query with_feedback(const Xapian::Query& query, const Xapian::Query& filtered_query) const;

    const RankingOptions& options() const { return options_; }

  private:
    const Xapian::Database& db_;
    const RankingOptions options_;
};

}  // namespace mlsys::query
