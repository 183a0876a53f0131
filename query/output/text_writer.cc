#include "output/writers.h"

#include "mlsys/query/paper_ids.h"
#include "mlsys/schema/text.h"

#include <cstdio>

namespace mlsys::query {

namespace {

constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kNormal = "\x1b[0m";
constexpr std::size_t kAuthorsShown = 6;

std::string authors_line(const std::vector<std::string>& authors) {
    if (authors.size() <= kAuthorsShown) return text::join(authors, ", ");
    const std::vector<std::string> first(authors.begin(), authors.begin() + kAuthorsShown);
    return text::join(first, ", ") + " et al.";
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

// The strongest reasons are enough to see why; --format json lists them all.
constexpr std::size_t kReasonsShown = 12;

std::string reason(const Contribution& contribution) {
    char weight[32];
    std::snprintf(weight, sizeof weight, "%.2f", contribution.weight);
    const std::string value = contribution.title.empty() ? contribution.value : quoted(contribution.title);
    const std::string what = contribution.signal == "term" ? value
                             : contribution.signal == "text" ? "whole text"
                                                             : contribution.signal + " " + value;
    return what + " " + weight;
}

std::string source_line(const Paper& source) {
    if (source.id.empty()) return "Related to the draft " + quoted(source.title);
    return "Related to " + source.id + ": " + source.title;
}

}  // namespace

void TextWriter::write(const SearchResponse& response, const std::string& qid) {
    write_header(response, qid);
    for (const Hit& hit : response.hits) write_hit(hit);
    write_facets(response.facets);
}

void TextWriter::write_header(const SearchResponse& response, const std::string& qid) {
    if (!qid.empty()) out_ << "== " << qid << ": " << response.query << "\n";
    if (response.related_to) out_ << source_line(*response.related_to) << "\n";
    for (const UnknownId& unknown : response.unknown_ids) {
        out_ << "(" << unknown_id_message(unknown.value, unknown.closest) << ")\n";
    }
    for (const FilterNotice& notice : response.filter_notices) out_ << "(" << filter_notice_message(notice) << ")\n";
    if (response.plain_words) out_ << "(nothing matched the query as written; showing matches for its plain words)\n";
    if (response.showing_corrected) {
        out_ << "No results for " << quoted(response.query) << "; showing results for "
             << quoted(response.corrected) << ".\n";
    } else if (!response.corrected.empty()) {
        out_ << "Did you mean " << quoted(response.corrected) << "?\n";
    }
    out_ << response.total << (response.total == 1 ? " paper" : " papers");
    if (!response.hits.empty()) {
        out_ << ", showing " << response.hits.front().rank << "-" << response.hits.back().rank;
    }
    out_ << "\n";
}

void TextWriter::write_hit(const Hit& hit) {
    const Paper& paper = hit.paper;
    out_ << "\n" << hit.rank << ". " << paper.title << "\n   ";
    std::vector<std::string> where;
    if (!paper.venue.empty()) where.push_back(paper.venue);
    if (paper.year) where.push_back(std::to_string(*paper.year));
    std::string line = text::join(where, " ");
    if (!paper.categories.empty()) line += (line.empty() ? "" : " | ") + text::join(paper.categories, "; ");
    out_ << line << (line.empty() ? "" : " | ") << paper.id << "\n";
    if (!paper.authors.empty()) out_ << "   " << authors_line(paper.authors) << "\n";
    const std::string snippet = highlight_ ? render_snippet(hit.snippet, kBold, kNormal)
                                           : render_snippet(hit.snippet, "", "");
    if (!snippet.empty()) out_ << "   " << snippet << "\n";
    write_explanation(hit.explanation);
}

void TextWriter::write_explanation(const std::vector<Contribution>& explanation) {
    if (explanation.empty()) return;
    std::vector<std::string> reasons;
    for (std::size_t i = 0; i < explanation.size() && i < kReasonsShown; ++i) reasons.push_back(reason(explanation[i]));
    out_ << "   why: " << text::join(reasons, ", ");
    if (explanation.size() > kReasonsShown) out_ << ", +" << explanation.size() - kReasonsShown << " more";
    out_ << "\n";
}

void TextWriter::write_facets(const std::vector<FacetCounts>& facets) {
    if (facets.empty()) return;
    out_ << "\n";
    for (const FacetCounts& facet : facets) {
        out_ << schema::field(facet.field).name << ":";
        if (schema::field(facet.field).hierarchical) {
            write_tree(facet.values);
        } else {
            for (const FacetValue& value : facet.values) out_ << "  " << value.value << " (" << value.count << ")";
        }
        out_ << "\n";
    }
}

// One path a line, indented by its depth and named by its last level: the tree reads as the
// list's table of contents.
void TextWriter::write_tree(const std::vector<FacetValue>& values) {
    for (const FacetValue& value : values) {
        const std::size_t last = value.value.rfind(schema::kPathSeparator);
        const std::string name = last == std::string::npos ? value.value : value.value.substr(last + 1);
        out_ << "\n" << std::string(2 * (value.depth + 1), ' ') << name << " (" << value.count << ")";
    }
}

}  // namespace mlsys::query
