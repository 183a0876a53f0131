// "Did you mean": corrections a user can trust. Only a word the index does not hold is ever
// corrected, from the spelling dictionary mlsys-index keeps in step with the papers.
#pragma once

#include <xapian.h>

#include <string>

namespace mlsys::query {

class SpellingCorrector {
  public:
    explicit SpellingCorrector(const Xapian::Database& db);

    // `text` with each word the index does not hold (in any field, as written or as a stem)
    // replaced by the dictionary's suggestion, or empty when no word needs one. Stopwords,
    // operators, field values and words the index holds are kept as written, and so is the
    // text around them.
    std::string correction(const std::string& text) const;

  private:
    // `word`'s correction, or empty when it needs none or the dictionary has none close enough.
    std::string corrected_word(const std::string& word) const;
    bool index_holds(const std::string& lower_word) const;

    Xapian::Database db_;
};

}  // namespace mlsys::query
