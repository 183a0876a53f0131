// Paper ⇄ Xapian::Document, following the schema table.
#pragma once

#include "mlsys/schema/paper.h"
#include "mlsys/schema/schema.h"

#include <xapian.h>

#include <map>
#include <string>
#include <vector>

namespace mlsys {

// The free-text pieces of `paper` that belong to `field` (one per author, keyword, …).
std::vector<std::string> free_text_of(const Paper& paper, schema::FieldId field);

class DocumentBuilder {
  public:
    DocumentBuilder();

    // Terms (prefixed per field, and unprefixed with the field's weight), boolean filter terms,
    // value slots, and the full record as JSON in the document data.
    Xapian::Document build(const Paper& paper);

  private:
    void index_free_text(const Paper& paper);
    void add_boolean_terms(const Paper& paper, Xapian::Document& doc) const;
    void add_values(const Paper& paper, Xapian::Document& doc) const;

    Xapian::TermGenerator generator_;
};

// The words the spelling dictionary learns from a document DocumentBuilder built, with their
// counts: every free-text word, folded and unstemmed, stopwords left out. The indexer adds them
// for a new paper and removes them for a replaced or deleted one, so the dictionary always
// matches the papers in the index.
std::map<std::string, Xapian::termcount> spelling_words(const Xapian::Document& doc);

// The paper stored in a document's data.
Paper paper_from_document(const Xapian::Document& doc);

}  // namespace mlsys
