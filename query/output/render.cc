#include "mlsys/query/result_writer.h"

#include "output/writers.h"

namespace mlsys::query {

const std::vector<std::pair<std::string, OutputFormat>>& output_format_names() {
    static const std::vector<std::pair<std::string, OutputFormat>> kNames{
        {"text", OutputFormat::Text}, {"json", OutputFormat::Json},     {"ids", OutputFormat::Ids},
        {"trec", OutputFormat::Trec}, {"bibtex", OutputFormat::Bibtex}, {"tsv", OutputFormat::Tsv}};
    return kNames;
}

std::unique_ptr<ResultWriter> make_writer(OutputFormat format, std::ostream& out, const WriterOptions& options) {
    switch (format) {
        case OutputFormat::Json:
            return std::make_unique<JsonWriter>(out);
        case OutputFormat::Ids:
            return std::make_unique<IdsWriter>(out, options);
        case OutputFormat::Trec:
            return std::make_unique<TrecWriter>(out, options);
        case OutputFormat::Bibtex:
            return std::make_unique<BibtexWriter>(out, options);
        case OutputFormat::Tsv:
            return std::make_unique<TsvWriter>(out, options);
        case OutputFormat::Text:
            break;
    }
    return std::make_unique<TextWriter>(out, options);
}

void StreamWriter::write_notes(const SearchResponse& response) const {
    if (options_.notes == nullptr) return;
    // A spelling correction is said in every format: results for other words than those typed
    // must never come silently.
    if (response.showing_corrected) {
        *options_.notes << options_.notes_prefix << "no results for \"" << response.query
                        << "\"; showing results for \"" << response.corrected << "\"\n";
    } else if (!response.corrected.empty()) {
        *options_.notes << options_.notes_prefix << "did you mean \"" << response.corrected << "\"?\n";
    }
    for (const FilterNotice& notice : response.filter_notices) {
        *options_.notes << options_.notes_prefix << filter_notice_message(notice) << '\n';
    }
}

std::string render_snippet(std::string_view marked, std::string_view start, std::string_view end) {
    static const std::pair<std::string_view, char> kEscapes[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
    std::string out;
    for (std::size_t i = 0; i < marked.size(); ++i) {
        const char c = marked[i];
        if (c == kHighlightStart) {
            out += start;
            continue;
        }
        if (c == kHighlightEnd) {
            out += end;
            continue;
        }
        bool unescaped = false;
        for (const auto& [entity, plain] : kEscapes) {
            if (marked.substr(i, entity.size()) == entity) {
                out += plain;
                i += entity.size() - 1;
                unescaped = true;
                break;
            }
        }
        if (!unescaped) out += c;
    }
    return out;
}

}  // namespace mlsys::query
