#include "field_values.h"

#include "mlsys/schema/analysis.h"
#include "mlsys/schema/errors.h"
#include "mlsys/schema/text.h"

#include <algorithm>
#include <cctype>

namespace mlsys::query {

using schema::FieldId;

namespace {

Xapian::Query year_query(const schema::Field& field, const std::string& value) {
    const std::string trimmed = text::squeeze_spaces(value);
    const std::size_t dots = trimmed.find("..");
    const auto bad = [&] {
        return UsageError("year: expected YYYY, YYYY..YYYY, YYYY.. or ..YYYY, got \"" + value + "\"");
    };
    if (dots == std::string::npos) {
        if (!analysis::four_digit_year(trimmed)) throw bad();
        return Xapian::Query(schema::boolean_term(FieldId::Year, trimmed));
    }
    const std::string low = trimmed.substr(0, dots);
    const std::string high = trimmed.substr(dots + 2);
    const auto low_year = analysis::four_digit_year(low);
    const auto high_year = analysis::four_digit_year(high);
    if ((!low.empty() && !low_year) || (!high.empty() && !high_year) || (!low_year && !high_year)) throw bad();
    if (low_year && high_year && *low_year > *high_year) throw InputError("year: " + trimmed + " is an empty range");
    if (!high_year) return Xapian::Query(Xapian::Query::OP_VALUE_GE, field.slot, schema::year_value(*low_year));
    if (!low_year) return Xapian::Query(Xapian::Query::OP_VALUE_LE, field.slot, schema::year_value(*high_year));
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, field.slot, schema::year_value(*low_year),
                         schema::year_value(*high_year));
}

Xapian::Query category_query(const std::string& value) {
    // People write hierarchy as "Deep learning › Training" or "Deep learning > Training" too.
    std::string path = value;
    for (const std::string separator : {"›", ">"}) {
        for (std::size_t at = path.find(separator); at != std::string::npos; at = path.find(separator)) {
            path.replace(at, separator.size(), std::string(1, schema::kPathSeparator));
        }
    }
    return Xapian::Query(schema::boolean_term(FieldId::Category, analysis::normalise_category(path)));
}

Xapian::Query author_query(const schema::Field& field, const std::string& value) {
    // The name's words exactly as the indexer made them, required in order.
    const std::vector<std::string> words = analysis::terms_in_order(value, std::string(field.prefix));
    if (words.empty()) throw UsageError("author: no words in \"" + value + "\"");
    return Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end());
}

}  // namespace

Xapian::Query field_value_query(const schema::Field& field, const std::string& value, const VenueAliases& aliases) {
    switch (field.id) {
        case FieldId::Venue:
            return Xapian::Query(schema::boolean_term(FieldId::Venue, aliases.normalise(value)));
        case FieldId::Year:
            return year_query(field, value);
        case FieldId::Category:
            return category_query(value);
        case FieldId::Author:
            return author_query(field, value);
        case FieldId::Id:
            return Xapian::Query(schema::id_term(text::squeeze_spaces(value)));
        case FieldId::References:
        case FieldId::Citations:
        case FieldId::Aliases:
            return Xapian::Query(schema::boolean_term(field.id, value));
        default:
            break;
    }
    throw UsageError(std::string(field.name) + ": cannot be used as a filter");
}

Xapian::Query any_value_query(const schema::Field& field, const std::vector<std::string>& values,
                              const VenueAliases& aliases) {
    std::vector<Xapian::Query> alternatives;
    for (const std::string& value : values) alternatives.push_back(field_value_query(field, value, aliases));
    return Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
}

Xapian::Query all_filters(const std::vector<std::pair<schema::FieldId, Xapian::Query>>& filters) {
    std::vector<Xapian::Query> queries;
    for (const auto& [field, query] : filters) queries.push_back(query);
    return Xapian::Query(Xapian::Query::OP_AND, queries.begin(), queries.end());
}

}  // namespace mlsys::query
