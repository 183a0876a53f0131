#include "readers/json_lines_reader.h"

#include "mlsys/schema/text.h"

#include <regex>

namespace mlsys::indexer {

namespace {

// The key whose value holds byte `offset` of a JSON line, best effort: the last `"key":`
// before it. Used only to name the field in an error message.
std::string key_before(const std::string& line, std::size_t offset) {
    static const std::regex kKey(R"re("([A-Za-z_][A-Za-z0-9_]*)"\s*:)re");
    std::string key;
    const std::string head = line.substr(0, offset);
    for (auto it = std::sregex_iterator(head.begin(), head.end(), kKey); it != std::sregex_iterator(); ++it) {
        key = (*it)[1].str();
    }
    return key;
}

}  // namespace

ReadResult JsonLinesReader::read(std::istream& in, const std::string& file_name) const {
    ReadResult result;
    std::string line;
    std::size_t line_number = 0;
    while (std::getline(in, line)) {
        ++line_number;
        const SourceLocation where{file_name, line_number};
        if (text::squeeze_spaces(line).empty()) continue;
        if (const auto bad = text::invalid_utf8_offset(line)) {
            result.problems.push_back(Problem{where, key_before(line, *bad),
                                              "invalid UTF-8 at byte " + std::to_string(*bad + 1)});
            continue;
        }
        Json parsed;
        try {
            parsed = Json::parse(line);
        } catch (const Json::parse_error& e) {
            result.problems.push_back(Problem{where, "", "invalid JSON at byte " + std::to_string(e.byte)});
            continue;
        }
        const Json record = parsed.is_object() ? to_paper_record(parsed) : parsed;
        if (auto paper = paper_from_record(record, where, aliases_, required_fields(), result.problems)) {
            result.records.push_back(ReadRecord{std::move(*paper), where, IdOrigin::Chosen, {}});
        }
    }
    return result;
}

Json BeirCorpusReader::to_paper_record(const Json& line) const {
    Json record = Json::object();
    for (const auto& [key, value] : line.items()) {
        if (key == "_id") {
            record["id"] = value;
        } else if (key == "text") {
            record["abstract"] = value;
        } else if (key == "metadata" && value.is_object() && value.empty()) {
            continue;  // BEIR writes an empty object when there is none
        } else {
            record[key] = value;
        }
    }
    return record;
}

}  // namespace mlsys::indexer
