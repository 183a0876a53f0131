#include "readers/bibtex_parser.h"

#include "mlsys/schema/text.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace mlsys::indexer {

const BibtexField* BibtexEntry::field(std::string_view name) const {
    for (const BibtexField& f : fields) {
        if (f.name == name) return &f;
    }
    return nullptr;
}

namespace {

bool is_alpha(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) != 0;
}
bool is_digit(char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

bool is_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("_-:.+/").find(c) != std::string_view::npos;
}

std::string describe_char(std::string_view text, std::size_t pos) {
    if (pos >= text.size()) return "the end of the file";
    std::size_t end = pos;
    while (end < text.size() && end - pos < 20 && is_name_char(text[end])) ++end;
    if (end == pos) end = pos + 1;
    return "\"" + std::string(text.substr(pos, end - pos)) + "\"";
}

// What the parser throws inside one entry; caught in parse(), where it becomes a Problem.
struct SyntaxError {
    std::size_t offset;  // where the error is, for its line number
    std::string message;
};

class BibtexParser {
  public:
    BibtexParser(std::string_view text, const std::string& file_name) : text_(text), file_(file_name) {
        line_starts_.push_back(0);
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '\n') line_starts_.push_back(i + 1);
        }
        for (const char* month : {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}) {
            macros_[month] = kMonthNames.at(month);
        }
    }

    BibtexFile parse() {
        BibtexFile file;
        while ((pos_ = text_.find('@', pos_)) != std::string_view::npos) {
            const std::size_t at_sign = pos_;
            try {
                parse_at_sign(file);
            } catch (const SyntaxError& error) {
                file.problems.push_back(Problem{{file_, line_at(error.offset)}, "", error.message});
                pos_ = next_entry_start(std::max(error.offset, at_sign + 1));
            }
        }
        return file;
    }

  private:
    inline static const std::map<std::string, std::string> kMonthNames{
        {"jan", "January"},   {"feb", "February"}, {"mar", "March"},    {"apr", "April"},
        {"may", "May"},       {"jun", "June"},     {"jul", "July"},     {"aug", "August"},
        {"sep", "September"}, {"oct", "October"},  {"nov", "November"}, {"dec", "December"}};

    // The 1-based line of `offset`; the end of the text is on its last line (after a final line
    // end there is no line to name: fuzz_bibtex_reader found "line 26" of a 25-line file).
    std::size_t line_at(std::size_t offset) const {
        offset = std::min(offset, text_.empty() ? 0 : text_.size() - 1);
        return static_cast<std::size_t>(std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) -
                                        line_starts_.begin());
    }

    bool at_end() const { return pos_ >= text_.size(); }
    char peek() const { return at_end() ? '\0' : text_[pos_]; }

    void skip_space() {
        while (!at_end() && text::is_space(text_[pos_])) ++pos_;
    }

    // Whether `offset` is an '@' that begins a line (after blanks) and reads "@name{" or
    // "@name(": where an entry can start.
    bool entry_starts_at(std::size_t offset) const {
        if (offset >= text_.size() || text_[offset] != '@') return false;
        std::size_t before = offset;
        while (before > 0 && (text_[before - 1] == ' ' || text_[before - 1] == '\t')) --before;
        if (before > 0 && text_[before - 1] != '\n') return false;
        std::size_t after = offset + 1;
        if (after >= text_.size() || !is_alpha(text_[after])) return false;
        while (after < text_.size() && is_name_char(text_[after])) ++after;
        while (after < text_.size() && (text_[after] == ' ' || text_[after] == '\t')) ++after;
        return after < text_.size() && (text_[after] == '{' || text_[after] == '(');
    }

    std::size_t next_entry_start(std::size_t from) const {
        for (std::size_t at = text_.find('@', from); at != std::string_view::npos; at = text_.find('@', at + 1)) {
            if (entry_starts_at(at)) return at;
        }
        return text_.size();
    }

    std::string read_name() {
        const std::size_t start = pos_;
        while (!at_end() && is_name_char(text_[pos_])) ++pos_;
        return std::string(text_.substr(start, pos_ - start));
    }

    void expect(char wanted, const std::string& after) {
        skip_space();
        if (peek() != wanted) {
            throw SyntaxError{
                pos_, "expected '" + std::string(1, wanted) + "' " + after + ", got " + describe_char(text_, pos_)};
        }
        ++pos_;
    }

    void parse_at_sign(BibtexFile& file) {
        // In the commentary between entries, an '@' inside a word (someone@example.org) or
        // before no name starts nothing.
        const bool inside_word = pos_ > 0 && std::isalnum(static_cast<unsigned char>(text_[pos_ - 1]));
        ++pos_;
        if (inside_word || !is_alpha(peek())) return;
        const std::string type = text::lower(read_name());
        skip_space();
        const char opener = peek();
        if (opener != '{' && opener != '(') {
            throw SyntaxError{pos_, "expected '{' after @" + type + ", got " + describe_char(text_, pos_)};
        }
        ++pos_;
        const char closer = opener == '{' ? '}' : ')';
        if (type == "comment") return skip_comment(opener == '{');
        if (type == "preamble") {
            parse_value("@preamble");
            return expect(closer, "to end @preamble");
        }
        if (type == "string") return parse_macro(closer);
        file.entries.push_back(parse_entry(type, closer, pos_ - 1));
    }

    void skip_comment(bool braced) {
        if (!braced) return;
        for (int depth = 1; !at_end() && depth > 0; ++pos_) {
            if (text_[pos_] == '{') ++depth;
            if (text_[pos_] == '}') --depth;
        }
    }

    void parse_macro(char closer) {
        skip_space();
        const std::string name = text::lower(read_name());
        if (name.empty())
            throw SyntaxError{pos_, "expected a macro name after @string, got " + describe_char(text_, pos_)};
        expect('=', "after the macro name " + name);
        macros_[name] = parse_value("@string " + name);
        expect(closer, "to end @string " + name);
    }

    std::string read_key(char closer) {
        skip_space();
        const std::size_t start = pos_;
        while (!at_end() && !text::is_space(peek()) && peek() != ',' && peek() != closer) ++pos_;
        return std::string(text_.substr(start, pos_ - start));
    }

    BibtexEntry parse_entry(const std::string& type, char closer, std::size_t opener_offset) {
        BibtexEntry entry{type, read_key(closer), line_at(opener_offset), {}};
        const std::size_t key_end = pos_;
        if (entry.key.empty()) throw SyntaxError{pos_, "@" + type + " entry without a key"};
        skip_space();
        if (peek() == closer) {
            ++pos_;
            return entry;
        }
        if (peek() != ',') {
            throw SyntaxError{key_end, "@" + type + "{" + entry.key + ": expected ',' after the key, got " +
                                           describe_char(text_, pos_)};
        }
        ++pos_;
        parse_fields(entry, closer);
        return entry;
    }

    void parse_fields(BibtexEntry& entry, char closer) {
        const std::string context = "@" + entry.type + "{" + entry.key + ": ";
        while (true) {
            skip_space();
            if (peek() == closer) {
                ++pos_;
                return;
            }
            const std::size_t name_offset = pos_;
            const std::string name = text::lower(read_name());
            if (name.empty()) {
                throw SyntaxError{pos_, context + "expected a field name or '" + std::string(1, closer) + "', got " +
                                            describe_char(text_, pos_)};
            }
            if (entry.field(name)) throw SyntaxError{name_offset, context + "field '" + name + "' given twice"};
            expect('=', "after the field name '" + name + "' (" + context.substr(0, context.size() - 2) + ")");
            BibtexField field{name, parse_value(context + "field '" + name + "'"), line_at(name_offset)};
            entry.fields.push_back(std::move(field));
            skip_space();
            if (peek() == ',') {
                ++pos_;
            } else if (peek() != closer) {
                throw SyntaxError{value_end_, context + "expected ',' or '" + std::string(1, closer) +
                                                  "' after the value of '" + name + "', got " +
                                                  describe_char(text_, pos_)};
            }
        }
    }

    // Parts joined by '#': {braced}, "quoted", numbers and macro names.
    std::string parse_value(const std::string& context) {
        std::string value;
        while (true) {
            skip_space();
            value += parse_value_part(context);
            value_end_ = pos_;
            skip_space();
            if (peek() != '#') return value;
            ++pos_;
        }
    }

    std::string parse_value_part(const std::string& context) {
        const char c = peek();
        if (c == '{' || c == '"') return delimited(context);
        if (is_digit(c)) {
            const std::size_t start = pos_;
            while (!at_end() && is_digit(peek())) ++pos_;
            return std::string(text_.substr(start, pos_ - start));
        }
        if (is_alpha(c)) {
            const std::size_t start = pos_;
            const std::string macro = text::lower(read_name());
            const auto it = macros_.find(macro);
            if (it == macros_.end()) throw SyntaxError{start, context + ": undefined macro '" + macro + "'"};
            return it->second;
        }
        throw SyntaxError{pos_, context + ": expected a value, got " + describe_char(text_, pos_)};
    }

    // The text of a {braced} or "quoted" value, inner braces kept. A newline followed by a line
    // that starts an entry means the braces do not balance: stop there, not at the end of file.
    std::string delimited(const std::string& context) {
        const std::size_t start = pos_;
        const bool quoted = text_[pos_++] == '"';
        int depth = quoted ? 0 : 1;
        for (; !at_end(); ++pos_) {
            const char c = text_[pos_];
            if (c == '\n' && line_starts_entry(pos_ + 1)) {
                throw SyntaxError{start, context + ": the value runs into the entry on line " +
                                             std::to_string(line_at(pos_ + 1)) + " (unbalanced braces?)"};
            }
            if (c == '{') ++depth;
            if (c == '}' && depth == 0) throw SyntaxError{pos_, context + ": unbalanced '}' in a quoted value"};
            if (c == '}') --depth;
            const bool closed = quoted ? (c == '"' && depth == 0) : depth == 0;
            if (closed) {
                ++pos_;
                return std::string(text_.substr(start + 1, pos_ - start - 2));
            }
        }
        throw SyntaxError{start, context + ": the file ends inside this value (unbalanced braces or quotes?)"};
    }

    bool line_starts_entry(std::size_t line_start) const {
        std::size_t at = line_start;
        while (at < text_.size() && (text_[at] == ' ' || text_[at] == '\t')) ++at;
        return entry_starts_at(at);
    }

    std::string_view text_;
    std::string file_;
    std::size_t pos_ = 0;
    std::size_t value_end_ = 0;  // just past the last value read, before the blanks after it
    std::vector<std::size_t> line_starts_;
    std::map<std::string, std::string> macros_;
};

}  // namespace

BibtexFile parse_bibtex(std::string_view text, const std::string& file_name) {
    return BibtexParser(text, file_name).parse();
}

}  // namespace mlsys::indexer
