#include "output/writers.h"

#include "mlsys/query/paper_ids.h"
#include "mlsys/schema/schema.h"
#include "mlsys/schema/text.h"

#include <algorithm>
#include <cstdio>
#include <optional>

namespace mlsys::query {

namespace {

constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kNormal = "\x1b[0m";
// A title is bold already: its matched words are underlined as well.
constexpr std::string_view kUnderline = "\x1b[4m";
constexpr std::string_view kNoUnderline = "\x1b[24m";
constexpr std::size_t kAuthorsShown = 6;

std::string authors_line(const std::vector<std::string>& authors) {
    if (authors.size() <= kAuthorsShown) return text::join(authors, ", ");
    const std::vector<std::string> first(authors.begin(), authors.begin() + kAuthorsShown);
    return text::join(first, ", ") + " et al.";
}

std::string quoted(const std::string& s) {
    return "\"" + s + "\"";
}

// The strongest reasons are enough to see why; --format json lists them all.
constexpr std::size_t kReasonsShown = 12;

std::string reason(const Contribution& contribution) {
    char weight[32];
    std::snprintf(weight, sizeof weight, "%.2f", contribution.weight);
    const std::string value = contribution.title.empty() ? contribution.value : quoted(contribution.title);
    const std::string what = contribution.signal == "term"   ? value
                             : contribution.signal == "text" ? "whole text"
                                                             : contribution.signal + " " + value;
    return what + " " + weight;
}

// Where to read the paper: its DOI as a link (it outlives publishers' pages), else its URL.
std::string link(const Paper& paper) {
    if (paper.doi.empty()) return paper.url;
    return text::starts_with(paper.doi, "http") ? paper.doi : "https://doi.org/" + paper.doi;
}

// The values a facet line leaves out, as "+N more".
std::string more(std::size_t hidden) {
    return "+" + std::to_string(hidden) + " more";
}

// The label column of --show: the longest record key, its colon and a space.
std::size_t label_width() {
    std::size_t width = 0;
    for (const schema::Field& field : schema::kFields) width = std::max(width, field.key.size());
    return width + 2;
}

// A record value as lines: a list an item a line, a string as it is, other JSON as JSON.
std::vector<std::string> value_lines(const Json& value) {
    if (value.is_string()) return {value.get<std::string>()};
    if (!value.is_array()) return {value.dump()};
    std::vector<std::string> lines;
    for (const Json& item : value) lines.push_back(item.is_string() ? item.get<std::string>() : item.dump());
    return lines;
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
        out_ << "No results for " << quoted(response.query) << "; showing results for " << quoted(response.corrected)
             << ".\n";
    } else if (!response.corrected.empty()) {
        out_ << "Did you mean " << quoted(response.corrected) << "?\n";
    }
    if (response.some_words) {
        // Say which papers hold every word, since the others are counted too.
        const Xapian::doccount all = response.matching_all.value_or(0);
        out_ << all << (all == 1 ? " paper matches" : " papers match") << " all words; " << response.total - all
             << " match some";
    } else {
        out_ << response.total << (response.total == 1 ? " paper" : " papers");
    }
    if (!response.hits.empty()) {
        out_ << ", showing " << response.hits.front().rank << "-" << response.hits.back().rank;
    }
    out_ << "\n";
}

// With colour the title is bold and the query's words in it underlined.
std::string TextWriter::title(const Paper& paper, const std::string& marked_title) const {
    if (!options_.color) return paper.title;
    const std::string marked =
        marked_title.empty() ? paper.title : render_snippet(marked_title, kUnderline, kNoUnderline);
    return std::string(kBold) + marked + std::string(kNormal);
}

void TextWriter::write_hit(const Hit& hit) {
    const Paper& paper = hit.paper;
    out_ << "\n" << hit.rank << ". " << title(paper, hit.marked_title) << "\n   ";
    std::vector<std::string> where;
    if (!paper.venue.empty()) where.push_back(paper.venue);
    if (paper.year) where.push_back(std::to_string(*paper.year));
    std::string line = text::join(where, " ");
    if (!paper.categories.empty()) line += (line.empty() ? "" : " | ") + text::join(paper.categories, "; ");
    out_ << line << (line.empty() ? "" : " | ") << paper.id << "\n";
    if (!paper.authors.empty()) out_ << "   " << authors_line(paper.authors) << "\n";
    if (const std::string where_to_read = link(paper); !where_to_read.empty()) out_ << "   " << where_to_read << "\n";
    const std::string snippet =
        options_.color ? render_snippet(hit.snippet, kBold, kNormal) : render_snippet(hit.snippet, "", "");
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
            write_values(facet.values);
        }
        out_ << "\n";
    }
}

// The most frequent values on one line (they come most frequent first), then how many are left.
void TextWriter::write_values(const std::vector<FacetValue>& values) {
    const std::size_t limit = options_.facet_values;
    const std::size_t shown = limit == 0 ? values.size() : std::min(limit, values.size());
    for (std::size_t i = 0; i < shown; ++i) out_ << "  " << values[i].value << " (" << values[i].count << ")";
    if (shown < values.size()) out_ << "  " << more(values.size() - shown);
}

// One path a line, indented by its depth and named by its last level: the tree reads as the
// list's table of contents. Under each value (and at the top) the most frequent children are
// shown, the rest, with everything below them, counted in a "+N more" line at their level.
void TextWriter::write_tree(const std::vector<FacetValue>& values) {
    struct Siblings {
        std::size_t shown = 0;
        std::size_t hidden = 0;
    };
    std::vector<Siblings> levels;  // the sibling groups along the current path, by depth
    const auto close_to = [&](std::size_t depth) {
        while (levels.size() > depth) {
            if (levels.back().hidden > 0)
                out_ << "\n" << std::string(2 * levels.size(), ' ') << more(levels.back().hidden);
            levels.pop_back();
        }
    };
    std::optional<std::size_t> hidden_depth;  // below a hidden value, everything is hidden
    for (const FacetValue& value : values) {
        if (hidden_depth && value.depth > *hidden_depth) continue;
        hidden_depth.reset();
        close_to(value.depth + 1);
        levels.resize(value.depth + 1);
        Siblings& siblings = levels.back();
        if (options_.facet_values != 0 && siblings.shown >= options_.facet_values) {
            ++siblings.hidden;
            hidden_depth = value.depth;
            continue;
        }
        ++siblings.shown;
        const std::size_t last = value.value.rfind(schema::kPathSeparator);
        const std::string name = last == std::string::npos ? value.value : value.value.substr(last + 1);
        out_ << "\n" << std::string(2 * (value.depth + 1), ' ') << name << " (" << value.count << ")";
    }
    close_to(0);
}

// Every field the record has, in the field table's order, then the fields it keeps unmodelled:
// `key: value`, a list an item a line.
void TextWriter::write_paper(const Paper& paper) {
    for (const schema::Field& field : schema::kFields) {
        if (!has_value(paper, field)) continue;
        std::vector<std::string> lines = value_lines(field_json(paper, field));
        if (field.id == schema::FieldId::Title) lines = {title(paper, "")};
        write_field(field.key, lines);
    }
    for (const auto& [key, value] : paper.extra.items()) write_field(key, value_lines(value));
}

void TextWriter::write_field(std::string_view key, const std::vector<std::string>& lines) {
    std::string label = std::string(key) + ":";
    label.resize(std::max(label_width(), label.size() + 1), ' ');
    for (std::size_t i = 0; i < lines.size(); ++i) {
        out_ << (i == 0 ? label : std::string(label.size(), ' ')) << lines[i] << "\n";
    }
}

}  // namespace mlsys::query
