#include "mlsys/schema/document.h"

#include "mlsys/schema/analysis.h"
#include "mlsys/schema/schema.h"
#include "mlsys/schema/text.h"

namespace mlsys {

using schema::FieldId;

std::vector<std::string> free_text_of(const Paper& paper, FieldId field) {
    switch (field) {
        case FieldId::Title: return {paper.title};
        case FieldId::Author: return paper.authors;
        case FieldId::Abstract: return {paper.abstract};
        case FieldId::Keywords: return paper.keywords;
        default: return {};
    }
}

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
    // from matching across pieces.
    constexpr Xapian::termpos kGapBetweenPieces = 100;
    for (const schema::Field& field : schema::kFields) {
        if (field.indexing != schema::Indexing::FreeText) continue;
        for (const std::string& piece : free_text_of(paper, field.id)) {
            generator_.index_text(piece, field.weight);
            generator_.increase_termpos(kGapBetweenPieces);
            generator_.index_text(piece, 1, std::string(field.prefix));
            generator_.increase_termpos(kGapBetweenPieces);
        }
    }
}

void DocumentBuilder::add_boolean_terms(const Paper& paper, Xapian::Document& doc) const {
    doc.add_boolean_term(schema::id_term(paper.id));
    if (!paper.venue.empty()) doc.add_boolean_term(schema::boolean_term(FieldId::Venue, paper.venue));
    if (paper.year) doc.add_boolean_term(schema::boolean_term(FieldId::Year, std::to_string(*paper.year)));
    for (const std::string& path : analysis::category_paths(paper.category)) {
        doc.add_boolean_term(schema::boolean_term(FieldId::Category, path));
    }
    for (const std::string& cited : paper.references) doc.add_boolean_term(schema::boolean_term(FieldId::References, cited));
    for (const std::string& citing : paper.citations) doc.add_boolean_term(schema::boolean_term(FieldId::Citations, citing));
}

void DocumentBuilder::add_values(const Paper& paper, Xapian::Document& doc) const {
    doc.add_value(schema::field(FieldId::Id).slot, paper.id);
    if (!paper.venue.empty()) doc.add_value(schema::field(FieldId::Venue).slot, paper.venue);
    if (paper.year) doc.add_value(schema::field(FieldId::Year).slot, schema::year_value(*paper.year));
    const std::vector<std::string> paths = analysis::category_paths(paper.category);
    if (!paths.empty()) {
        doc.add_value(schema::field(FieldId::Category).slot,
                      text::join(paths, std::string(1, schema::kPackedValueSeparator)));
    }
}

std::map<std::string, Xapian::termcount> DocumentBuilder::spelling_words(const Paper& paper) {
    Xapian::Document scratch;
    Xapian::TermGenerator plain;  // no stemmer: the dictionary suggests whole words
    plain.set_document(scratch);
    for (const schema::Field& field : schema::kFields) {
        if (field.indexing != schema::Indexing::FreeText) continue;
        for (const std::string& piece : free_text_of(paper, field.id)) plain.index_text(piece);
    }
    std::map<std::string, Xapian::termcount> words;
    for (auto term = scratch.termlist_begin(); term != scratch.termlist_end(); ++term) {
        // A stopword is never a useful correction ("foo" → "for").
        if (!analysis::stopper()(*term)) words[*term] = term.get_wdf();
    }
    return words;
}

Paper paper_from_document(const Xapian::Document& doc) {
    return paper_from_json(Json::parse(doc.get_data()));
}

}  // namespace mlsys
