// The related-work knobs as command-line options, shared by mlsys-query and bench/related so
// that what the bench measures is exactly what the command runs.
#pragma once

#include "mlsys/query/related.h"

#include <CLI/CLI.hpp>

#include <map>
#include <string>

namespace mlsys::cli {

inline void add_related_options(CLI::App& app, query::RelatedOptions& r, const std::string& group) {
    const auto option = [&](const std::string& name, auto& value, const std::string& help) {
        return app.add_option(name, value, help)->group(group)->capture_default_str();
    };
    option("--related-terms", r.terms, "words the relevance-feedback expansion picks from the source");
    const std::map<std::string, query::ExpansionTerms> kinds{{"words", query::ExpansionTerms::Words},
                                                             {"stems", query::ExpansionTerms::Stems}};
    app.add_option("--related-term-kind", r.term_kind, "pick unstemmed words or their stems")
        ->transform(CLI::CheckedTransformer(kinds, CLI::ignore_case))
        ->group(group)
        ->option_text(std::string("words|stems=") + (r.term_kind == query::ExpansionTerms::Words ? "words" : "stems"));
    option("--related-eset-weighting", r.eset_weighting,
           "how far each picked word weighs by its expansion weight (0: all alike, 1: proportionally)");
    option("--related-title", r.title_weight, "extra weight of a picked word found in a paper's title (0: off)");
    option("--related-phrases", r.phrase_weight, "weight of the source title's word pairs found as phrases (0: off)");
    option("--related-feedback-docs", r.feedback_docs,
           "pick words again with the first N results as relevant too (0: off)");
    option("--related-feedback-weight", r.feedback_weight, "weight of the words feedback picks");
    option("--related-text", r.text_weight, "weight of the source's whole text as a query (0: off)");
    option("--related-authors", r.author_weight, "weight of each author shared with the source (0: off)");
    option("--related-citations", r.citation_weight,
           "weight of each citation link shared with the source, and of direct links (0: off)");
    option("--related-max-links", r.max_links, "shared cited or citing papers that count at most, the rarest first");
    const std::map<std::string, query::CitationLinks> links{{"all", query::CitationLinks::All},
                                                            {"outside-index", query::CitationLinks::OutsideIndex}};
    app.add_option("--related-citation-links", r.citation_links,
                   "follow every citation link, or only those through papers the index does not hold")
        ->transform(CLI::CheckedTransformer(links, CLI::ignore_case))
        ->group(group)
        ->option_text(std::string("all|outside-index=") +
                      (r.citation_links == query::CitationLinks::All ? "all" : "outside-index"));
    option("--related-category", r.category_weight, "boost for the source's category (0: off)");
    option("--related-year", r.year_weight, "boost for the source's year, fading with distance (0: off)");
    option("--related-year-span", r.year_span, "years apart at which the year boost reaches 0");
    option("--related-bm25-k1", r.bm25_k1, "BM25 term-frequency saturation");
    option("--related-bm25-b", r.bm25_b, "BM25 length normalisation");
}

}  // namespace mlsys::cli
