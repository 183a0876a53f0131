#include "readers/bibtex_reader.h"
#include "readers/format_readers.h"

#include "mlsys/schema/analysis.h"
#include "mlsys/schema/text.h"
#include "readers/bibtex_parser.h"
#include "readers/latex_text.h"
#include "readers/record_validation.h"

#include <algorithm>
#include <cctype>

namespace mlsys::indexer {

namespace {

std::string plain_text(std::string_view latex) {
    return text::squeeze_spaces(decode_html_entities(decode_latex(latex)));
}

// Splits `value` where `separator_at(i)` finds a separator (its length; 0 for none) outside
// braces: "{Barnes and Noble}" is one name.
template <typename SeparatorAt>
std::vector<std::string> split_where(std::string_view value, SeparatorAt separator_at) {
    std::vector<std::string> parts;
    int depth = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] == '{') ++depth;
        if (value[i] == '}') --depth;
        const std::size_t separator = depth == 0 ? separator_at(i) : 0;
        if (separator > 0) {
            parts.emplace_back(value.substr(start, i - start));
            start = i + separator;
            i = start - 1;
        }
    }
    parts.emplace_back(value.substr(start));
    return parts;
}

std::vector<std::string> split_outside_braces(std::string_view value, std::string_view separator) {
    return split_where(
        value, [&](std::size_t i) { return value.substr(i, separator.size()) == separator ? separator.size() : 0; });
}

// Splits at " and " (any case, any white space around it) outside braces.
std::vector<std::string> split_names(std::string_view value) {
    std::string spaced;
    for (const char c : value) spaced += std::isspace(static_cast<unsigned char>(c)) ? ' ' : c;
    constexpr std::size_t kAnd = 5;  // " and "
    return split_where(spaced, [&](std::size_t i) -> std::size_t {
        const bool at_and = spaced[i] == ' ' && i + kAnd - 1 < spaced.size() && spaced[i + kAnd - 1] == ' ' &&
                            text::lower(spaced.substr(i + 1, 3)) == "and";
        return at_and ? kAnd : 0;
    });
}

std::string first_last(const std::string& name) {
    std::vector<std::string> parts = split_outside_braces(name, ",");
    for (std::string& part : parts) part = plain_text(part);
    if (parts.size() == 1) return parts[0];
    const std::string& last = parts[0];
    const std::string& first = parts.back();
    const std::string jr = parts.size() >= 3 ? parts[1] : "";
    return text::squeeze_spaces(first + " " + last + " " + jr);
}

std::string braces_stripped(std::string_view value) {
    std::string out;
    for (const char c : value) {
        if (c != '{' && c != '}') out += c;
    }
    return text::squeeze_spaces(out);
}

// The target of the first \url{…} in a raw value.
std::string url_command_in(std::string_view value) {
    const std::size_t start = value.find("\\url{");
    if (start == std::string_view::npos) return {};
    const std::size_t end = value.find('}', start);
    if (end == std::string_view::npos) return {};
    return text::squeeze_spaces(value.substr(start + 5, end - start - 5));
}

std::vector<std::string> keyword_list(std::string_view value) {
    std::string text = plain_text(value);
    std::replace(text.begin(), text.end(), ';', ',');
    std::vector<std::string> keywords;
    for (const std::string& keyword : text::split(text, ',')) {
        std::string squeezed = text::squeeze_spaces(keyword);
        if (!squeezed.empty()) keywords.push_back(std::move(squeezed));
    }
    return keywords;
}

bool is_modelled_bibtex_field(const std::string& name) {
    static const char* const kModelled[] = {"title", "author", "year", "abstract", "doi", "url", "keywords"};
    return std::find(std::begin(kModelled), std::end(kModelled), name) != std::end(kModelled);
}

// Converts one parsed entry; problems found on the way are appended to `problems`.
class EntryConverter {
  public:
    EntryConverter(const BibtexEntry& entry, const std::string& file_name, const VenueAliases& aliases,
                   std::vector<Problem>& problems)
        : entry_(entry), file_(file_name), aliases_(aliases), problems_(problems), first_problem_(problems.size()) {}

    std::optional<Paper> convert() {
        check_utf8();
        Json record = Json::object();
        record["id"] = entry_.key;
        if (const BibtexField* title = entry_.field("title")) record["title"] = plain_text(title->value);
        record["authors"] = authors();
        if (std::string venue_name = venue(); !venue_name.empty()) record["venue"] = std::move(venue_name);
        if (const auto year_number = year()) record["year"] = *year_number;
        add_text(record, "abstract");
        add_identifier(record, "doi", raw_value("doi"));
        add_identifier(record, "url", url());
        if (const BibtexField* keywords = entry_.field("keywords")) record["keywords"] = keyword_list(keywords->value);
        record["entry_type"] = entry_.type;
        for (const BibtexField& field : entry_.fields) {
            if (is_modelled_bibtex_field(field.name) || record.contains(field.name)) continue;
            if (std::string value = plain_text(field.value); !value.empty()) record[field.name] = std::move(value);
        }
        if (problems_.size() != first_problem_) return std::nullopt;
        return paper_from_record(record, {file_, entry_.line}, aliases_, RequiredFields{true, false, false}, problems_);
    }

  private:
    void fail(const BibtexField& field, const std::string& message) {
        problems_.push_back(
            Problem{{file_, field.line}, field.name, "@" + entry_.type + "{" + entry_.key + ": " + message});
    }

    void check_utf8() {
        for (const BibtexField& field : entry_.fields) {
            if (const auto bad = text::invalid_utf8_offset(field.value)) {
                fail(field, "invalid UTF-8 at byte " + std::to_string(*bad + 1) + " of the value");
            }
        }
    }

    std::string raw_value(const char* name) const {
        const BibtexField* field = entry_.field(name);
        return field ? braces_stripped(field->value) : std::string();
    }

    Json authors() const {
        Json names = Json::array();
        if (const BibtexField* author = entry_.field("author")) {
            for (const std::string& name : bibtex_names(author->value)) names.push_back(name);
        }
        return names;
    }

    std::string venue() const {
        for (const char* name : {"booktitle", "journal"}) {
            if (const BibtexField* field = entry_.field(name)) {
                const std::string text = plain_text(field->value);
                if (!text.empty()) return aliases_.normalise(text);
            }
        }
        const bool arxiv_eprint = entry_.field("eprint") && (text::lower(raw_value("archiveprefix")) == "arxiv" ||
                                                             text::lower(raw_value("eprinttype")) == "arxiv");
        return arxiv_eprint ? "arXiv" : "";
    }

    std::optional<int> year() {
        const BibtexField* field = entry_.field("year");
        if (!field) return std::nullopt;
        const std::string value = braces_stripped(field->value);
        const std::optional<int> year = analysis::four_digit_year(value);
        if (!year) fail(*field, "expected a four-digit year, got \"" + value + "\"");
        return year;
    }

    std::string url() const {
        if (std::string url = raw_value("url"); !url.empty()) return url;
        for (const char* name : {"howpublished", "note"}) {
            if (const BibtexField* field = entry_.field(name)) {
                if (std::string url = url_command_in(field->value); !url.empty()) return url;
            }
        }
        return {};
    }

    void add_text(Json& record, const char* name) const {
        if (const BibtexField* field = entry_.field(name)) {
            if (std::string text = plain_text(field->value); !text.empty()) record[name] = std::move(text);
        }
    }

    static void add_identifier(Json& record, const char* name, std::string value) {
        if (!value.empty()) record[name] = std::move(value);
    }

    const BibtexEntry& entry_;
    const std::string& file_;
    const VenueAliases& aliases_;
    std::vector<Problem>& problems_;
    const std::size_t first_problem_;
};

}  // namespace

std::vector<std::string> bibtex_names(std::string_view value) {
    std::vector<std::string> names;
    for (const std::string& raw : split_names(value)) {
        std::string name = first_last(raw);
        if (name.empty() || text::lower(name) == "others") continue;
        names.push_back(std::move(name));
    }
    return names;
}

template <>
ReadResult BibtexReader::read_records(std::istream& in, const std::string& file_name, RecordSink& sink) const {
    const std::string text = read_all(in);
    BibtexFile file = parse_bibtex(text, file_name);
    ReadResult result;
    result.problems = std::move(file.problems);
    for (const BibtexEntry& entry : file.entries) {
        if (auto paper = EntryConverter(entry, file_name, aliases_, result.problems).convert()) {
            sink.add(ReadRecord{std::move(*paper), {file_name, entry.line}, IdOrigin::SourceKey, {}});
        }
    }
    // Parse errors come first; the reader promises problems in file order.
    std::stable_sort(result.problems.begin(), result.problems.end(),
                     [](const Problem& a, const Problem& b) { return a.where.line < b.where.line; });
    return result;
}

}  // namespace mlsys::indexer
