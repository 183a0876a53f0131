#include "mlsys/schema/schema.h"

#include "mlsys/schema/analysis.h"
#include "mlsys/schema/text.h"

#include <algorithm>

namespace mlsys::schema {

const Field* find_field(std::string_view name) {
    for (const Field& f : kFields) {
        if (is_query_field(f) && f.name == name) return &f;
    }
    return nullptr;
}

std::string boolean_term(FieldId id, std::string_view value) {
    const std::string prefix(field(id).prefix);
    if (holds_paper_ids(id)) return prefix + text::squeeze_spaces(value);
    // Folding makes spaces of look-alikes (U+3000), so white space is squeezed after it.
    return prefix + text::squeeze_spaces(analysis::fold(value));
}

std::string id_term(std::string_view paper_id) {
    // Ids are case-sensitive keys: no lower-casing here.
    return std::string(field(FieldId::Id).prefix) + std::string(paper_id);
}

std::string year_value(int year) {
    return Xapian::sortable_serialise(year);
}

int year_from_value(const std::string& value) {
    return static_cast<int>(Xapian::sortable_unserialise(value));
}

std::string listing_key(const std::optional<int>& year, const std::string& id, bool newest_first) {
    // A flag byte puts papers without a year after (newest first) or before (oldest first) the
    // rest; a year is four digits (record validation), counted down from 9999 for newest first.
    if (!year) return (newest_first ? "1" : "0") + id;
    std::string digits = std::to_string(std::clamp(newest_first ? 9999 - *year : *year, 0, 9999));
    digits.insert(0, 4 - digits.size(), '0');
    return (newest_first ? "0" : "1") + digits + id;
}

}  // namespace mlsys::schema
