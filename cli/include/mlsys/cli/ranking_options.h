// The keyword-ranking knobs as command-line options for mlsys-query, with help written from
// the term model's own feature names, so the two cannot drift apart.
#pragma once

#include "mlsys/query/ranking.h"
#include "mlsys/schema/errors.h"
#include "mlsys/schema/text.h"

#include <CLI/CLI.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace mlsys::cli {

// "rarity, has-digit, …": the term model's features in the order --term-model takes them.
inline std::string term_feature_list() {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < query::kTermFeatureCount; ++i) {
        names.emplace_back(query::term_feature_name(static_cast<query::TermFeature>(i)));
    }
    return text::join(names, ", ");
}

inline std::string term_model_text(const query::TermModel& model) {
    std::vector<std::string> values;
    for (const double value : model) {
        std::ostringstream shown;
        shown << value;
        values.push_back(shown.str());
    }
    return text::join(values, ",");
}

// Adds --bm25-k1, --bm25-b and --term-model to `app`, filling `ranking`. --term-model lands in
// `ranking` when the options are parsed, once its length is checked.
inline void add_ranking_options(CLI::App& app, query::RankingOptions& ranking, const std::string& group) {
    app.add_option("--bm25-k1", ranking.bm25_k1, "BM25 term-frequency saturation")->group(group)->capture_default_str();
    app.add_option("--bm25-b", ranking.bm25_b, "BM25 length normalisation")->group(group)->capture_default_str();
    const std::string default_model = term_model_text(ranking.term_model);
    app.add_option_function<std::vector<double>>(
           "--term-model",
           [&ranking](const std::vector<double>& weights) {
               if (weights.size() != query::kTermFeatureCount) {
                   throw UsageError("--term-model takes " + std::to_string(query::kTermFeatureCount) +
                                    " comma-separated numbers");
               }
               std::copy(weights.begin(), weights.end(), ranking.term_model.begin());
           },
           "weights of the word features (" + term_feature_list() + "); all 0 is plain BM25")
        ->group(group)
        ->delimiter(',')
        ->default_str(default_model);
}

}  // namespace mlsys::cli
