#include "mlsys/query/batch.h"

#include "mlsys/schema/errors.h"
#include "mlsys/schema/paper.h"
#include "mlsys/schema/text.h"

#include <cerrno>
#include <cstring>
#include <fstream>

namespace mlsys::query {

namespace {

BatchQuery from_json_line(const std::string& line, const SourceLocation& where) {
    Json record;
    try {
        record = Json::parse(line);
    } catch (const Json::parse_error& e) {
        throw InputError(Problem{where, "", "invalid JSON at byte " + std::to_string(e.byte)}.describe());
    } catch (const Json::out_of_range&) {  // 1e999: no double holds it
        throw InputError(Problem{where, "", kNumberOutOfRange}.describe());
    }
    const auto string_field = [&](const char* name) {
        const auto it = record.find(name);
        if (it == record.end() || !it->is_string()) {
            throw InputError(Problem{where, name, "missing, or not a string"}.describe());
        }
        return it->get<std::string>();
    };
    return BatchQuery{string_field("_id"), string_field("text")};
}

BatchQuery from_tsv_line(const std::string& line, const SourceLocation& where) {
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0) {
        throw InputError(Problem{where, "", "expected 'qid<TAB>query'"}.describe());
    }
    return BatchQuery{line.substr(0, tab), line.substr(tab + 1)};
}

}  // namespace

std::vector<BatchQuery> read_batch_queries(const std::string& file_name) {
    std::ifstream in(file_name, std::ios::binary);
    if (!in) throw InputError(file_name + ": cannot open: " + std::strerror(errno));
    std::vector<BatchQuery> queries;
    std::optional<bool> json_lines;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        const std::string trimmed = text::squeeze_spaces(line);
        if (trimmed.empty()) continue;
        const SourceLocation where{file_name, number};
        if (text::invalid_utf8_offset(line)) throw InputError(Problem{where, "", "invalid UTF-8"}.describe());
        if (!json_lines) json_lines = trimmed.front() == '{';
        queries.push_back(*json_lines ? from_json_line(line, where) : from_tsv_line(line, where));
    }
    return queries;
}

}  // namespace mlsys::query
