#include "mlsys/query/request_options.h"

#include "mlsys/schema/errors.h"
#include "mlsys/schema/text.h"

namespace mlsys::query {

namespace {

template <typename Value>
Value named(const std::map<std::string, Value>& names, const std::string& name, const std::string& what) {
    const auto found = names.find(name);
    if (found != names.end()) return found->second;
    std::string known;
    for (const auto& entry : names) known += (known.empty() ? "" : ", ") + entry.first;
    throw UsageError("unknown " + what + " \"" + name + "\"; known: " + known);
}

}  // namespace

const std::map<std::string, SortOrder>& sort_orders() {
    static const std::map<std::string, SortOrder> kOrders{
        {"relevance", SortOrder::Relevance}, {"year", SortOrder::YearAscending}, {"-year", SortOrder::YearDescending}};
    return kOrders;
}

const std::map<std::string, WordMatching>& word_matchings() {
    static const std::map<std::string, WordMatching> kMatchings{
        {"auto", WordMatching::Auto}, {"all", WordMatching::All}, {"any", WordMatching::Any}};
    return kMatchings;
}

std::vector<schema::FieldId> facet_fields(const std::string& names, const std::string& option) {
    std::vector<schema::FieldId> facets;
    for (const std::string& name : text::split(names, ',')) {
        const std::string trimmed = text::squeeze_spaces(name);
        if (trimmed.empty()) continue;
        const schema::Field* field = schema::find_field(trimmed);
        if (!field || !field->facet) throw UsageError(option + "\"" + trimmed + "\" is not a facet");
        facets.push_back(field->id);
    }
    return facets;
}

SearchRequest request_from(const RequestOptions& options, Match match) {
    SearchRequest request;
    request.match = std::move(match);
    for (const auto& [field, values] : options.filters) {
        if (!values.empty()) request.filters[field] = values;
    }
    request.facets = options.no_facets ? std::vector<schema::FieldId>{} : facet_fields(options.facets, "--facets: ");
    request.sort = named(sort_orders(), options.sort, "sort");
    request.matching.mode = named(word_matchings(), options.match, "match");
    request.limit = options.limit;
    request.offset = options.offset;
    request.ranking = options.ranking;
    request.related_options = options.related_options;
    request.explain = options.explain;
    return request;
}

}  // namespace mlsys::query
