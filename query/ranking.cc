#include "ranking.h"

#include "mlsys/analysis.h"
#include "mlsys/text.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace mlsys::query {

namespace {

bool is_operator(const std::string& token) {
    return token == "AND" || token == "OR" || token == "NOT" || token == "XOR" || token == "NEAR" ||
           token == "ADJ";
}

// Words the ESet may suggest: plain words (unprefixed terms start lower-case or with a digit),
// not stopwords, and seen in more than one paper.
class FeedbackWords : public Xapian::ExpandDecider {
  public:
    explicit FeedbackWords(const Xapian::Database& db) : db_(db) {}
    bool operator()(const std::string& term) const override {
        if (term.empty()) return false;
        const auto first = static_cast<unsigned char>(term[0]);
        if (std::isupper(first)) return false;
        if (analysis::stopper()(term)) return false;
        return db_.get_termfreq(term) > 1;
    }

  private:
    const Xapian::Database& db_;
};

}  // namespace

std::vector<std::string> proximity_words(const std::string& text) {
    std::vector<std::string> words;
    std::istringstream tokens(text);
    for (std::string token; tokens >> token;) {
        if (is_operator(token) || token[0] == '-' || token.find(':') != std::string::npos) continue;
        Xapian::Document scratch;
        Xapian::TermGenerator generator;
        generator.set_document(scratch);
        generator.index_text(token);
        std::vector<std::pair<Xapian::termpos, std::string>> in_token;
        for (auto term = scratch.termlist_begin(); term != scratch.termlist_end(); ++term) {
            for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos) {
                in_token.emplace_back(*pos, *term);
            }
        }
        std::sort(in_token.begin(), in_token.end());
        for (const auto& [pos, word] : in_token) {
            if (!analysis::stopper()(word)) words.push_back(word);
        }
    }
    return words;
}

Ranker::Ranker(const Xapian::Database& db, const RankingOptions& options) : db_(db), options_(options) {}

void Ranker::configure(Xapian::Enquire& enquire) const {
    // k2 = 0 and k3 = 1 are Xapian's defaults; a minimum normalised length of 0.5 keeps very
    // short records (a title alone) from outscoring full abstracts.
    enquire.set_weighting_scheme(Xapian::BM25Weight(options_.bm25_k1, 0, 1, options_.bm25_b, 0.5));
}

Xapian::Query Ranker::with_proximity(const Xapian::Query& query, const std::string& text) const {
    if (options_.proximity_weight <= 0 || query.empty()) return query;
    const std::vector<std::string> words = proximity_words(text);
    std::vector<Xapian::Query> pairs;
    for (std::size_t i = 1; i < words.size(); ++i) {
        if (words[i] == words[i - 1]) continue;
        const Xapian::Query pair[] = {Xapian::Query(words[i - 1]), Xapian::Query(words[i])};
        pairs.emplace_back(Xapian::Query::OP_NEAR, std::begin(pair), std::end(pair), options_.proximity_window);
    }
    if (pairs.empty()) return query;
    const Xapian::Query near(Xapian::Query::OP_OR, pairs.begin(), pairs.end());
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, near, options_.proximity_weight));
}

Xapian::Query Ranker::with_feedback(const Xapian::Query& query, const Xapian::Query& filtered_query) const {
    if (options_.feedback_docs == 0 || options_.feedback_terms == 0 || query.empty()) return query;
    Xapian::Enquire enquire(db_);
    configure(enquire);
    enquire.set_query(filtered_query);
    const Xapian::MSet top = enquire.get_mset(0, options_.feedback_docs);
    if (top.empty()) return query;
    Xapian::RSet feedback_set;
    for (auto it = top.begin(); it != top.end(); ++it) feedback_set.add_document(*it);
    const FeedbackWords decider(db_);
    const Xapian::ESet words = enquire.get_eset(options_.feedback_terms, feedback_set, &decider);
    if (words.empty()) return query;
    std::vector<Xapian::Query> weighted;
    const double strongest = words.begin().get_weight();
    for (auto it = words.begin(); it != words.end(); ++it) {
        weighted.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it), it.get_weight() / strongest);
    }
    const Xapian::Query expansion(Xapian::Query::OP_OR, weighted.begin(), weighted.end());
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, expansion, options_.feedback_weight));
}

}  // namespace mlsys::query
