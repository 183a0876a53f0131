#include "readers/json_lines_reader.h"

#include "mlsys/schema/limits.h"
#include "mlsys/schema/text.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace mlsys::indexer {

namespace {

using limits::kMaxJsonDepth;  // docs/limits.md; a record needs two or three

bool is_key_start(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool is_key_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// Just past `"key":` (white space allowed before the colon) when one starts at `pos`, else std::string_view::npos.
std::size_t key_end(std::string_view text, std::size_t pos, std::string& key) {
    if (text[pos] != '"' || pos + 1 >= text.size() || !is_key_start(text[pos + 1])) return std::string_view::npos;
    std::size_t end = pos + 1;
    while (end < text.size() && is_key_char(text[end])) ++end;
    if (end >= text.size() || text[end] != '"') return std::string_view::npos;
    const std::size_t colon = std::min(text.find_first_not_of(" \t\n\v\f\r", end + 1), text.size());
    if (colon >= text.size() || text[colon] != ':') return std::string_view::npos;
    key = text.substr(pos + 1, end - pos - 1);
    return colon + 1;
}

// The key whose value holds byte `offset` of a JSON line, best effort: the last `"key":`
// before it. Used only to name the field in an error message.
std::string key_before(std::string_view line, std::size_t offset) {
    const std::string_view head = line.substr(0, offset);
    std::string key;
    for (std::size_t pos = head.find('"'); pos != std::string_view::npos; pos = head.find('"', pos + 1)) {
        if (const std::size_t end = key_end(head, pos, key); end != std::string_view::npos) pos = end - 1;
    }
    return key;
}

// Whether `line` nests arrays and objects deeper than `limit`, counting brackets outside
// strings: the JSON parser and the records' copies recurse once a level, so a line nested
// 100,000 deep would overflow the stack.
bool nested_deeper_than(std::string_view line, std::size_t limit) {
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (in_string) {
            if (c == '\\') ++i;  // an escaped character, perhaps a quote
            in_string = c != '"';
        } else if (c == '"') {
            in_string = true;
        } else if ((c == '[' || c == '{') && ++depth > limit) {
            return true;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return false;
}

}  // namespace

ReadResult JsonLinesReader::read_records(std::istream& in, const std::string& file_name, RecordSink& sink) const {
    ReadResult result;
    std::string line;
    std::size_t line_number = 0;
    bool too_long = false;
    while (read_line(in, line, limits::kMaxRecordBytes, too_long)) {
        ++line_number;
        const SourceLocation where{file_name, line_number};
        if (too_long) {
            result.problems.push_back(Problem{
                where, "",
                "a record longer than " + limits::describe_bytes(limits::kMaxRecordBytes) + " (docs/limits.md)"});
            continue;
        }
        if (text::squeeze_spaces(line).empty()) continue;
        if (const auto bad = text::invalid_utf8_offset(line)) {
            result.problems.push_back(
                Problem{where, key_before(line, *bad), "invalid UTF-8 at byte " + std::to_string(*bad + 1)});
            continue;
        }
        if (nested_deeper_than(line, kMaxJsonDepth)) {
            result.problems.push_back(
                Problem{where, "", "nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels"});
            continue;
        }
        Json parsed;
        try {
            parsed = Json::parse(line);
        } catch (const Json::parse_error& e) {
            result.problems.push_back(Problem{where, "", "invalid JSON at byte " + std::to_string(e.byte)});
            continue;
        } catch (const Json::out_of_range&) {  // 1e999: no double holds it
            result.problems.push_back(Problem{where, "", kNumberOutOfRange});
            continue;
        }
        const Json record = parsed.is_object() ? to_paper_record(parsed) : parsed;
        if (auto paper = paper_from_record(record, where, aliases_, required_fields(), result.problems)) {
            sink.add(ReadRecord{std::move(*paper), where, IdOrigin::Chosen, {}});
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
