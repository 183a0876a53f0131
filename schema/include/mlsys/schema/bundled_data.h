// Tables from data/, compiled into the binaries so that both tools agree on them wherever
// they run from. CMake regenerates them when the files change.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mlsys::bundled {

std::string_view venue_aliases_tsv();
std::string_view venues_tsv();
std::string_view stopwords_txt();
std::string_view acronyms_tsv();

// One line of a table: its number and its tab-separated columns, white space squeezed.
struct TableRow {
    std::size_t line = 0;
    std::vector<std::string> columns;
};

// The rows of a table's text: blank lines and lines starting with '#' are left out. Every
// `columns` rows must have exactly that many non-blank columns (0: any number); otherwise
// InputError names `source_name`, the line, and `row_format` as what was expected.
std::vector<TableRow> table_rows(std::string_view text, const std::string& source_name, std::size_t columns,
                                 std::string_view row_format);

// The error for a row that is well formed but says something the table cannot hold.
[[noreturn]] void reject_row(const TableRow& row, const std::string& source_name, std::string_view row_format);

}  // namespace mlsys::bundled
