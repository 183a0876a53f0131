#include "mlsys/schema/document.h"

#include "mlsys/schema/analysis.h"
#include "mlsys/schema/errors.h"
#include "mlsys/schema/identity.h"
#include "mlsys/schema/schema.h"
#include "mlsys/schema/text.h"

#include <optional>

namespace mlsys {

using schema::FieldId;
using schema::member_of;

std::vector<std::string> free_text_of(const Paper& paper, FieldId field) {
    const schema::Field& row = schema::field(field);
    if (row.indexing != schema::Indexing::FreeText) return {};
    return field_strings(paper, row);
}

namespace {

using Strings = std::vector<std::string>;

// The values a boolean field files its terms under: a hierarchical value under every run of its
// levels, so a filter naming a level at any depth matches it and its sub-categories.
Strings boolean_values(const Paper& paper, const schema::Field& field) {
    if (!has_value(paper, field)) return {};
    if (!field.hierarchical) return field_strings(paper, field);
    Strings keys;
    for (const std::string& path : member_of<Strings>(paper, field)) {
        for (std::string& key : analysis::category_keys(path)) keys.push_back(std::move(key));
    }
    return keys;
}

// What a field's value slot holds: years sortable; a list's items, or a hierarchical value's
// paths with their ancestors (each once), packed.
std::string slot_value(const Paper& paper, const schema::Field& field) {
    if (field.type == schema::ValueType::Year) return schema::year_value(*member_of<std::optional<int>>(paper, field));
    const std::string packed_separator(1, schema::kPackedValueSeparator);
    if (field.hierarchical)
        return text::join(analysis::category_paths(member_of<Strings>(paper, field)), packed_separator);
    return text::join(field_strings(paper, field), packed_separator);
}

}  // namespace

DocumentBuilder::DocumentBuilder() {
    generator_.set_stemmer(analysis::stemmer());
    generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
}

Xapian::Document DocumentBuilder::build(const Paper& paper) {
    Xapian::Document doc;
    generator_.set_document(doc);
    index_free_text(paper);
    add_boolean_terms(paper, doc);
    add_values(paper, doc);
    doc.set_data(to_json(paper).dump());
    return doc;
}

void DocumentBuilder::index_free_text(const Paper& paper) {
    // Each piece is indexed twice: under its field's prefix (for "title:" queries) and
    // unprefixed with the field's weight (for plain queries). The position gap keeps phrases
    // from matching across pieces. The words are folded ("Martín" as "martin"), as queries
    // fold theirs; the record keeps the spelling as written.
    constexpr Xapian::termpos kGapBetweenPieces = 100;
    for (const schema::Field& field : schema::kFields) {
        if (field.indexing != schema::Indexing::FreeText) continue;
        for (const std::string& piece : free_text_of(paper, field.id)) {
            const std::string folded = analysis::fold(piece);
            generator_.index_text(folded, field.weight);
            generator_.increase_termpos(kGapBetweenPieces);
            generator_.index_text(folded, 1, std::string(field.prefix));
            generator_.increase_termpos(kGapBetweenPieces);
        }
    }
}

void DocumentBuilder::add_boolean_terms(const Paper& paper, Xapian::Document& doc) const {
    for (const schema::Field& field : schema::kFields) {
        if (field.indexing != schema::Indexing::Boolean) continue;
        for (const std::string& value : boolean_values(paper, field)) {
            if (!value.empty()) doc.add_boolean_term(schema::boolean_term(field.id, value));
        }
    }
    for (const std::string& term : schema::identity_terms(paper)) doc.add_boolean_term(term);
}

void DocumentBuilder::add_values(const Paper& paper, Xapian::Document& doc) const {
    for (const schema::Field& field : schema::kFields) {
        if (field.slot != schema::kNoSlot && has_value(paper, field))
            doc.add_value(field.slot, slot_value(paper, field));
    }
    doc.add_value(schema::kNewestFirstSlot, schema::listing_key(paper.year, paper.id, true));
    doc.add_value(schema::kOldestFirstSlot, schema::listing_key(paper.year, paper.id, false));
}

std::map<std::string, Xapian::termcount> spelling_words(const Xapian::Document& doc) {
    // Every free-text word is filed once under its field's prefix, unstemmed, its wdf the times
    // it occurs there: the words and counts are those terms with the prefix taken off, summed
    // over the fields. No second pass over the text. Prefixes are upper case and words are not,
    // so no other term passes for a field's word.
    std::map<std::string, Xapian::termcount> words;
    for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
        const std::string& name = *term;
        for (const schema::Field& field : schema::kFields) {
            if (field.indexing != schema::Indexing::FreeText || name.compare(0, field.prefix.size(), field.prefix) != 0)
                continue;
            std::string word = name.substr(field.prefix.size());
            // A stopword is never a useful correction ("foo" → "for").
            if (analysis::is_unprefixed_word(word) && !analysis::stopper()(word))
                words[std::move(word)] += term.get_wdf();
        }
    }
    return words;
}

Paper paper_from_document(const Xapian::Document& doc) {
    try {
        return paper_from_json(Json::parse(doc.get_data()));
    } catch (const Json::exception&) {
        // Only a database mlsys-index did not write holds such a document: a stub may list one.
        throw IndexError("document " + std::to_string(doc.get_docid()) +
                         " of the index holds no paper record: is every shard an index mlsys-index wrote?");
    }
}

}  // namespace mlsys
