// Query text through preparation, parsing, ranking and search on the bundled index, through the
// one search API (Searcher) that mlsys-query calls. The input's first line is the match:
//   like:TEXT      a related-work search for a draft (--like): TEXT and every further line that
//                  is no filter line, so a draft has its title and abstract
//   related:ID     a related-work search for a paper of the index (--related)
//   anything else  a keyword query, also run through Searcher::analyze (--analyze)
// Each further line "venue:V", "year:V", "category:V" or "author:V" is a filter, as --venue
// and the others give it; other lines join the text. The response is written in an output
// format, as mlsys-query writes it (with the hit detail the format asks for). Sort order, word
// matching and the format follow from the input's size, so every one of them gets inputs.
// A search may refuse what it is given with UsageError or InputError (an unknown --related id,
// an empty year range), as mlsys-query does with exit 1 or 2; anything else escaping is a defect.
#include "fuzz_support.h"

#include "mlsys/query/query_analysis.h"
#include "mlsys/query/result_writer.h"
#include "mlsys/query/search.h"
#include "mlsys/schema/errors.h"
#include "mlsys/schema/schema.h"

#include <array>
#include <sstream>

namespace {

using namespace mlsys;

constexpr std::array<schema::FieldId, 4> kFilterFields{schema::FieldId::Venue, schema::FieldId::Year,
                                                       schema::FieldId::Category, schema::FieldId::Author};

// The field of a filter line ("venue:ICML"), if it is one.
const schema::Field* filter_field(const std::string& line) {
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) return nullptr;
    const schema::Field* field = schema::find_field(line.substr(0, colon));
    if (!field) return nullptr;
    for (const schema::FieldId id : kFilterFields) {
        if (field->id == id) return field;
    }
    return nullptr;
}

bool starts_with(const std::string& text, const std::string& start) {
    return text.rfind(start, 0) == 0;
}

query::SearchRequest request_of(const std::string& input) {
    query::SearchRequest request;
    std::istringstream lines(input);
    std::string text;
    std::string line;
    for (bool first = true; std::getline(lines, line); first = false) {
        const schema::Field* field = first ? nullptr : filter_field(line);
        if (field) {
            request.filters[field->id].push_back(line.substr(line.find(':') + 1));
        } else {
            text += (first ? "" : "\n") + line;
        }
    }
    if (starts_with(text, "like:")) {
        request.match = query::RelatedSource{"", text.substr(5)};
    } else if (starts_with(text, "related:")) {
        request.match = query::RelatedSource{text.substr(8), ""};
    } else {
        request.match = query::QueryText{text};
    }
    const std::size_t choice = input.size();
    request.sort = std::array{query::SortOrder::Relevance, query::SortOrder::YearAscending,
                              query::SortOrder::YearDescending}[choice % 3];
    request.matching.mode =
        std::array{query::WordMatching::Auto, query::WordMatching::All, query::WordMatching::Any}[choice / 3 % 3];
    request.explain = std::holds_alternative<query::RelatedSource>(request.match) && choice % 2 == 0;
    return request;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static query::Searcher searcher(fuzz::bundled_index());
    const std::string input = fuzz::as_text(data, size);
    const query::SearchRequest request = request_of(input);
    const auto& formats = query::output_format_names();
    std::ostringstream out;
    std::ostringstream notes;
    query::WriterOptions writer_options;
    writer_options.notes = &notes;
    const auto writer = query::make_writer(formats[size / 9 % formats.size()].second, out, writer_options);
    try {
        if (const auto* keywords = std::get_if<query::QueryText>(&request.match)) searcher.analyze(keywords->text);
        const query::SearchResponse response = searcher.search(request, writer->detail());
        writer->write(response, "q1");
        fuzz::check(response.hits.size() <= request.limit, "no more hits than the limit");
        fuzz::check(response.hits.size() <= response.total, "no more hits than the total");
    } catch (const UsageError&) {
    } catch (const InputError&) {
    }
    return 0;
}
