// The rows of a CSV file, each with the line it starts on, read by libcsv.
#pragma once

#include "mlsys/schema/errors.h"

#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace mlsys::indexer {

struct CsvRow {
    std::size_t line = 0;  // where the row starts; quoted fields may span lines
    std::vector<std::string> fields;
};

struct CsvTable {
    std::vector<CsvRow> rows;      // the header row included; blank lines skipped
    std::optional<Problem> error;  // malformed quoting: the rows before it are kept, none after
};

// RFC 4180 CSV: fields separated by commas, quoted fields may hold commas, doubled quotes and
// line breaks. libcsv runs in strict mode, so a stray quote is an error rather than a guess.
CsvTable read_csv_table(std::istream& in, const std::string& file_name);

}  // namespace mlsys::indexer
