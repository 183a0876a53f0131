#include "mlsys/schema/bundled_data.h"

#include "mlsys/schema/errors.h"
#include "mlsys/schema/text.h"

#include <algorithm>

namespace mlsys::bundled {

std::vector<TableRow> table_rows(std::string_view text, const std::string& source_name, std::size_t columns,
                                 std::string_view row_format) {
    std::vector<TableRow> rows;
    std::size_t line_number = 0;
    for (const std::string& line : text::split(text, '\n')) {
        ++line_number;
        const std::string squeezed = text::squeeze_spaces(line);
        if (squeezed.empty() || squeezed[0] == '#') continue;
        TableRow row{line_number, {}};
        for (const std::string& column : text::split(line, '\t')) row.columns.push_back(text::squeeze_spaces(column));
        const bool blank_column =
            std::any_of(row.columns.begin(), row.columns.end(), [](const std::string& c) { return c.empty(); });
        if (columns > 0 && (row.columns.size() != columns || blank_column)) reject_row(row, source_name, row_format);
        rows.push_back(std::move(row));
    }
    return rows;
}

void reject_row(const TableRow& row, const std::string& source_name, std::string_view row_format) {
    throw InputError(Problem{{source_name, row.line}, "", "expected '" + std::string(row_format) + "'"}.describe());
}

}  // namespace mlsys::bundled
