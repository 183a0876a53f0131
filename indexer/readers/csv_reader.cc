#include "readers/format_readers.h"

#include "mlsys/schema/analysis.h"
#include "mlsys/schema/text.h"
#include "readers/csv_table.h"
#include "readers/merged_records.h"
#include "readers/python_literal.h"
#include "readers/record_validation.h"
#include "readers/stable_id.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace mlsys::indexer {

namespace {

enum class Column {
    Id,
    Title,
    Venue,
    Year,
    Authors,
    Abstract,
    Url,
    Doi,
    Keywords,
    Category,
    Citations,
    References,
    Other
};

Column column_named(const std::string& header) {
    static const std::map<std::string, Column> kColumns{{"paper id", Column::Id},
                                                        {"paperid", Column::Id},
                                                        {"id", Column::Id},
                                                        {"key", Column::Id},
                                                        {"title", Column::Title},
                                                        {"venue", Column::Venue},
                                                        {"journal", Column::Venue},
                                                        {"booktitle", Column::Venue},
                                                        {"conference", Column::Venue},
                                                        {"year", Column::Year},
                                                        {"authors", Column::Authors},
                                                        {"author", Column::Authors},
                                                        {"abstract", Column::Abstract},
                                                        {"url", Column::Url},
                                                        {"link", Column::Url},
                                                        {"doi", Column::Doi},
                                                        {"keywords", Column::Keywords},
                                                        {"category", Column::Category},
                                                        {"citations", Column::Citations},
                                                        {"references", Column::References}};
    const auto it = kColumns.find(text::lower(text::squeeze_spaces(header)));
    return it == kColumns.end() ? Column::Other : it->second;
}

std::vector<std::string> split_on_any(const std::string& cell, const std::string& separators) {
    std::vector<std::string> parts;
    std::string part;
    for (const char c : cell + separators.substr(0, 1)) {
        if (separators.find(c) == std::string::npos) {
            part += c;
            continue;
        }
        if (std::string squeezed = text::squeeze_spaces(part); !squeezed.empty()) parts.push_back(std::move(squeezed));
        part.clear();
    }
    return parts;
}

// The first of ';', ':' and ',' that the cell holds; names are split on it.
std::string name_separator(const std::string& cell) {
    for (const char* separator : {";", ":", ","}) {
        if (cell.find(separator) != std::string::npos) return separator;
    }
    return ";";
}

// What one row says, column by column; problems name the row's line and the column.
class RowConverter {
  public:
    RowConverter(const std::vector<std::string>& headers, const CsvRow& row, const std::string& file_name,
                 const VenueAliases& aliases, std::vector<Problem>& problems)
        : headers_(headers),
          row_(row),
          where_{file_name, row.line},
          aliases_(aliases),
          problems_(problems),
          first_problem_(problems.size()) {}

    std::optional<Paper> convert() {
        if (row_.fields.size() != headers_.size()) {
            problems_.push_back(Problem{
                where_, "",
                "expected " + std::to_string(headers_.size()) + " fields, got " + std::to_string(row_.fields.size())});
            return std::nullopt;
        }
        Json record = Json::object();
        for (std::size_t i = 0; i < headers_.size(); ++i) add_cell(record, headers_[i], row_.fields[i]);
        if (problems_.size() != first_problem_) return std::nullopt;
        if (!record.contains("id")) record["id"] = derived_id(record);
        return paper_from_record(record, where_, aliases_, RequiredFields{true, false, false}, problems_);
    }

  private:
    void fail(const std::string& column, const std::string& message) {
        problems_.push_back(Problem{where_, column, message});
    }

    void add_cell(Json& record, const std::string& header, const std::string& cell) {
        if (const auto bad = text::invalid_utf8_offset(cell)) {
            return fail(header, "invalid UTF-8 at byte " + std::to_string(*bad + 1));
        }
        const std::string value = text::squeeze_spaces(cell);
        if (value.empty()) return;
        switch (column_named(header)) {
            case Column::Id:
                record["id"] = value;
                break;
            case Column::Title:
                record["title"] = value;
                break;
            case Column::Venue:
                record["venue"] = aliases_.normalise(value);
                break;
            case Column::Year:
                add_year(record, header, value);
                break;
            case Column::Authors:
                add_list(record, "authors", header, cell, &RowConverter::names_in);
                break;
            case Column::Abstract:
                record["abstract"] = value;
                break;
            case Column::Url:
                record["url"] = value;
                break;
            case Column::Doi:
                record["doi"] = value;
                break;
            case Column::Keywords:
                record["keywords"] = split_on_any(value, ";,");
                break;
            case Column::Category:
                record["category"] = value;
                break;
            case Column::Citations:
                add_list(record, "citations", header, cell, &RowConverter::ids_in);
                break;
            case Column::References:
                add_list(record, "references", header, cell, &RowConverter::ids_in);
                break;
            case Column::Other:
                record[header] = value;
                break;
        }
    }

    void add_year(Json& record, const std::string& header, const std::string& value) {
        const std::optional<int> year = analysis::four_digit_year(value);
        if (!year) return fail(header, "expected a four-digit year, got \"" + value + "\"");
        record["year"] = *year;
    }

    // A Python list literal, or items separated by ';', ':' or ',' (ids also by white space).
    void add_list(Json& record, const char* key, const std::string& header, const std::string& cell,
                  Json (*item_of)(const Json&)) {
        const std::string value = text::squeeze_spaces(cell);
        Json items = Json::array();
        if (value.front() == '[' || value.front() == '(') {
            Json literal;
            try {
                literal = parse_python_literal(value);
            } catch (const PythonLiteralError& e) {
                return fail(header, std::string("not a Python list: ") + e.what());
            }
            for (const Json& item : literal) {
                Json converted = item_of(item);
                if (converted.is_string() && !converted.get<std::string>().empty())
                    items.push_back(std::move(converted));
            }
        } else {
            const bool ids = std::string(key) != "authors";
            for (std::string& part : split_on_any(value, ids ? ";:, \t\n" : name_separator(value)))
                items.push_back(std::move(part));
        }
        record[key] = std::move(items);
    }

    // An author as a string, or as Semantic Scholar's {'Name': …, 'Author ID': …}.
    static Json names_in(const Json& item) {
        if (item.is_string()) return text::squeeze_spaces(item.get<std::string>());
        if (item.is_object()) {
            for (const char* key : {"Name", "name"}) {
                if (item.contains(key) && item[key].is_string())
                    return text::squeeze_spaces(item[key].get<std::string>());
            }
        }
        return nullptr;
    }

    // A paper id; None (a reference Semantic Scholar could not resolve) is left out.
    static Json ids_in(const Json& item) {
        if (item.is_string()) return text::squeeze_spaces(item.get<std::string>());
        return nullptr;
    }

    static std::string derived_id(const Json& record) {
        const std::string venue = record.value("venue", "");
        const std::optional<int> year =
            record.contains("year") ? std::optional<int>(record["year"].get<int>()) : std::nullopt;
        return stable_paper_id(venue, year, record.value("title", ""));
    }

    const std::vector<std::string>& headers_;
    const CsvRow& row_;
    const SourceLocation where_;
    const VenueAliases& aliases_;
    std::vector<Problem>& problems_;
    const std::size_t first_problem_;
};

std::vector<std::string> header_names(const CsvRow& header) {
    std::vector<std::string> names;
    for (const std::string& field : header.fields) names.push_back(text::squeeze_spaces(field));
    return names;
}

}  // namespace

template <>
ReadResult CsvReader::read_records(std::istream& in, const std::string& file_name, RecordSink& sink) const {
    CsvTable table = read_csv_table(in, file_name);
    ReadResult result;
    if (table.rows.empty()) {
        if (table.error) result.problems.push_back(*table.error);
        return result;
    }
    const std::vector<std::string> headers = header_names(table.rows.front());
    const bool has_title = std::any_of(headers.begin(), headers.end(),
                                       [](const std::string& h) { return column_named(h) == Column::Title; });
    if (!has_title) {
        result.problems.push_back(
            Problem{{file_name, table.rows.front().line}, "", "no Title column in the header row"});
        return result;
    }
    const bool has_ids =
        std::any_of(headers.begin(), headers.end(), [](const std::string& h) { return column_named(h) == Column::Id; });
    MergedRecords records;
    for (auto row = table.rows.begin() + 1; row != table.rows.end(); ++row) {
        if (auto paper = RowConverter(headers, *row, file_name, aliases_, result.problems).convert()) {
            records.add(std::move(*paper), {file_name, row->line}, has_ids ? IdOrigin::SourceKey : IdOrigin::Derived);
        }
    }
    if (table.error) result.problems.push_back(*table.error);
    for (ReadRecord& record : records.take()) sink.add(std::move(record));
    return result;
}

}  // namespace mlsys::indexer
