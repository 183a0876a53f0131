#include "mlsys/schema/schema.h"

#include "mlsys/schema/analysis.h"
#include "mlsys/schema/text.h"

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

}  // namespace mlsys::schema
