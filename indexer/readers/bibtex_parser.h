// A BibTeX parser: entries with their fields, each value with @string macros expanded and
// '#' concatenations joined, LaTeX left as written (latex_text.h decodes it).
//
// Written here rather than taken from Debian's libbtparse, which prints its errors to stderr
// with no hook to collect them, exits the process on some, keeps global state and exports
// symbols such as error() and name() that clash with glibc.
#pragma once

#include "mlsys/schema/errors.h"

#include <string>
#include <string_view>
#include <vector>

namespace mlsys::indexer {

struct BibtexField {
    std::string name;   // lower case
    std::string value;  // without the outer braces or quotes; inner braces kept
    std::size_t line = 0;
};

struct BibtexEntry {
    std::string type;  // lower case: article, inproceedings, misc, …
    std::string key;
    std::size_t line = 0;  // of the '@'
    std::vector<BibtexField> fields;

    const BibtexField* field(std::string_view name) const;
};

struct BibtexFile {
    std::vector<BibtexEntry> entries;
    std::vector<Problem> problems;  // each malformed entry, left out of `entries`
};

// Reads every entry of `text`. @string defines macros (jan … dec are predefined), @preamble
// and @comment are skipped, text between entries is a comment. An entry with a syntax error
// becomes a problem at the line of the error, and reading resumes at the next line that
// starts an entry; a value whose braces do not balance is caught where it runs into the next
// entry rather than swallowing it.
BibtexFile parse_bibtex(std::string_view text, const std::string& file_name);

}  // namespace mlsys::indexer
