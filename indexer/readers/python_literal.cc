#include "readers/python_literal.h"

#include "readers/latex_text.h"

#include <cctype>
#include <string>

namespace mlsys::indexer {

namespace {

class LiteralParser {
  public:
    explicit LiteralParser(std::string_view text) : text_(text) {}

    Json parse_all() {
        Json value = parse_value();
        skip_space();
        if (pos_ != text_.size()) fail("unexpected text after the value");
        return value;
    }

  private:
    [[noreturn]] void fail(const std::string& what) const {
        throw PythonLiteralError(what + " at character " + std::to_string(pos_ + 1));
    }

    void skip_space() {
        while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    }

    char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }

    bool take_word(std::string_view word) {
        if (text_.substr(pos_, word.size()) != word) return false;
        pos_ += word.size();
        return true;
    }

    Json parse_value() {
        skip_space();
        const char c = peek();
        if (c == '[') return parse_sequence(']');
        if (c == '(') return parse_sequence(')');
        if (c == '{') return parse_dict();
        if (c == '\'' || c == '"') return parse_string();
        if (c == '-' || c == '+' || std::isdigit(static_cast<unsigned char>(c))) return parse_number();
        if (take_word("None")) return nullptr;
        if (take_word("True")) return true;
        if (take_word("False")) return false;
        fail(pos_ < text_.size() ? "unexpected '" + std::string(1, c) + "'" : "unexpected end");
    }

    // [a, b, c] or (a, b, c), a trailing comma allowed.
    Json parse_sequence(char closer) {
        ++pos_;
        Json items = Json::array();
        while (true) {
            skip_space();
            if (peek() == closer) break;
            items.push_back(parse_value());
            skip_space();
            if (peek() == ',') {
                ++pos_;
            } else if (peek() != closer) {
                fail(std::string("expected ',' or '") + closer + "'");
            }
        }
        ++pos_;
        return items;
    }

    Json parse_dict() {
        ++pos_;
        Json object = Json::object();
        while (true) {
            skip_space();
            if (peek() == '}') break;
            if (peek() != '\'' && peek() != '"') fail("expected a string key");
            const std::string key = parse_string().get<std::string>();
            skip_space();
            if (peek() != ':') fail("expected ':'");
            ++pos_;
            object[key] = parse_value();
            skip_space();
            if (peek() == ',') {
                ++pos_;
            } else if (peek() != '}') {
                fail("expected ',' or '}'");
            }
        }
        ++pos_;
        return object;
    }

    Json parse_string() {
        const char quote = text_[pos_++];
        std::string out;
        while (true) {
            if (pos_ >= text_.size()) fail("unterminated string");
            const char c = text_[pos_++];
            if (c == quote) return out;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (pos_ >= text_.size()) fail("unterminated string");
            out += escape(text_[pos_++]);
        }
    }

    std::string escape(char c) {
        switch (c) {
            case 'n':
                return "\n";
            case 't':
                return "\t";
            case 'r':
                return "\r";
            case '0':
                return std::string(1, '\0');
            case 'x':
                return utf8_encode(hex_digits(2));
            case 'u':
                return utf8_encode(hex_digits(4));
            case 'U':
                return utf8_encode(hex_digits(8));
            case '\n':
                return "";  // a line continuation
            default:
                return std::string(1, c);  // \\ \' \" and the unknown, as Python keeps them
        }
    }

    char32_t hex_digits(std::size_t count) {
        if (pos_ + count > text_.size()) fail("short \\x, \\u or \\U escape");
        char32_t code = 0;
        for (std::size_t i = 0; i < count; ++i) {
            const char c = text_[pos_++];
            if (!std::isxdigit(static_cast<unsigned char>(c))) fail("bad hex digit in an escape");
            code = code * 16 + static_cast<char32_t>(
                                   std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : std::tolower(c) - 'a' + 10);
        }
        if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) fail("escape outside Unicode");
        return code;
    }

    Json parse_number() {
        const std::size_t start = pos_;
        if (peek() == '-' || peek() == '+') ++pos_;
        bool is_float = false;
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c == '.' || c == 'e' || c == 'E') {
                is_float = true;
            } else if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '_' ||
                         ((c == '-' || c == '+') && (text_[pos_ - 1] == 'e' || text_[pos_ - 1] == 'E')))) {
                break;
            }
            ++pos_;
        }
        std::string number;
        for (const char c : text_.substr(start, pos_ - start)) {
            if (c != '_') number += c;
        }
        try {
            if (is_float) return std::stod(number);
            return std::stoll(number);
        } catch (const std::exception&) {
            pos_ = start;
            fail("bad number");
        }
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

}  // namespace

Json parse_python_literal(std::string_view text) {
    return LiteralParser(text).parse_all();
}

}  // namespace mlsys::indexer
