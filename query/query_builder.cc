#include "query_builder.h"

#include "acronyms.h"
#include "field_values.h"
#include "mlsys/schema/analysis.h"
#include "mlsys/schema/errors.h"
#include "mlsys/schema/text.h"

#include <cctype>
#include <unordered_set>

namespace mlsys::query {

namespace {

// Routes "venue:", "year:", "category:" and "id:" in query text to the same value queries the
// command-line filters use, so aliases, case folding and ranges behave the same in both.
// A value of the wrong shape ("year:soon") is flagged rather than thrown: an exception thrown
// through QueryParser::parse_query leaks the parser's state (seen under LeakSanitizer).
class FieldValueProcessor : public Xapian::FieldProcessor {
  public:
    FieldValueProcessor(const schema::Field& field, const VenueAliases& aliases, bool& bad_value, bool& used)
        : field_(field), aliases_(aliases), bad_value_(bad_value), used_(used) {}
    Xapian::Query operator()(const std::string& value) override {
        try {
            Xapian::Query query = field_value_query(field_, value, aliases_);
            used_ = true;
            return query;
        } catch (const UsageError&) {
            bad_value_ = true;
            return Xapian::Query::MatchNothing;
        }
    }

  private:
    const schema::Field& field_;
    const VenueAliases& aliases_;
    bool& bad_value_;
    bool& used_;
};

// Letters, digits and any byte of a non-ASCII character.
bool is_word_byte(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return std::isalnum(byte) || byte >= 0x80;
}

// Keeps the bytes of words; everything else (quotes, brackets, colons, operators) becomes a
// space.
std::string plain_words_of(const std::string& text) {
    std::string words;
    for (const char c : text) words += is_word_byte(c) ? c : ' ';
    return words;
}

// Whether the text just before `colon` names a boolean field ("id", "venue", "references").
bool follows_boolean_field_name(const std::string& text, std::size_t colon) {
    std::size_t start = colon;
    while (start > 0 && is_word_byte(text[start - 1])) --start;
    const schema::Field* field = schema::find_field(std::string_view(text).substr(start, colon - start));
    return field != nullptr && field->indexing == schema::Indexing::Boolean;
}

// Xapian reads "cross-linking" as the phrase "cross linking", which then scores nothing for a
// paper that writes "cross-link" or "linking" alone. Hyphens and slashes inside a word
// ("ischaemia/reperfusion") become spaces; a leading "-" (NOT) is kept, and so is anything inside
// quotes, which the user asked to be a phrase, or in a boolean field's value ("id:osdi18-tvm").
std::string unhyphenated(const std::string& text) {
    std::string out = text;
    bool in_quotes = false;
    bool in_boolean_value = false;
    for (std::size_t i = 0; i < out.size(); ++i) {
        const char c = out[i];
        if (c == '"') in_quotes = !in_quotes;
        if (c == ':' && follows_boolean_field_name(out, i)) in_boolean_value = true;
        if (std::isspace(static_cast<unsigned char>(c)) || c == ')') in_boolean_value = false;
        const bool inside_word = i > 0 && i + 1 < out.size() && is_word_byte(out[i - 1]) && is_word_byte(out[i + 1]);
        if ((c == '-' || c == '/') && inside_word && !in_quotes && !in_boolean_value) out[i] = ' ';
    }
    return out;
}

// Xapian leaves capitalised words unstemmed ("Antibiotics" would not match "antibiotic"), which
// costs every sentence-like query its first word. Lower-casing them first gets them stemmed;
// operators keep their capitals, and field values (after ':') their case, as ids need it.
std::string lowercased(const std::string& text) {
    std::string out;
    std::string word;
    const auto flush = [&] {
        const bool keep = is_query_operator(word) || word.find(':') != std::string::npos;
        out += keep ? word : text::lower(word);
        word.clear();
    };
    for (const char c : text) {
        if (std::isspace(static_cast<unsigned char>(c)) || c == '(' || c == ')' || c == '"') {
            flush();
            out += c;
        } else {
            word += c;
        }
    }
    flush();
    return out;
}

}  // namespace

bool is_query_operator(const std::string& word) {
    static const std::unordered_set<std::string> kOperators{"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
    return kOperators.count(word) > 0;
}

unsigned query_parser_flags() {
    return Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
           Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
           Xapian::QueryParser::FLAG_PURE_NOT;
}

QueryBuilder::QueryBuilder(const Xapian::Database& db, const VenueAliases& aliases)
    : stemmer_(analysis::stemmer()) {
    parser_.set_database(db);
    parser_.set_stemmer(stemmer_);
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser_.set_stopper(&analysis::stopper());
    parser_.set_default_op(Xapian::Query::OP_OR);
    for (const schema::Field& field : schema::kFields) {
        if (!schema::is_query_field(field)) continue;
        if (field.indexing == schema::Indexing::FreeText) {
            parser_.add_prefix(std::string(field.name), std::string(field.prefix));
            continue;
        }
        field_processors_.push_back(std::make_unique<FieldValueProcessor>(field, aliases, bad_field_value_, field_filter_));
        parser_.add_boolean_prefix(std::string(field.name), field_processors_.back().get());
    }
}

ParsedQuery QueryBuilder::parse(const std::string& text) {
    bad_field_value_ = false;
    field_filter_ = false;
    try {
        ParsedQuery parsed;
        parsed.text = text;
        const std::string prepared = lowercased(unhyphenated(AcronymTable::bundled().expand(text)));
        parsed.query = parser_.parse_query(prepared, query_parser_flags());
        parsed.has_field_filter = field_filter_;
        if (!bad_field_value_) return parsed;
    } catch (const Xapian::QueryParserError&) {
    }
    return parse_plain_words(text);
}

ParsedQuery QueryBuilder::parse_plain_words(const std::string& text) {
    ParsedQuery parsed;
    parsed.text = plain_words_of(text);
    parsed.query = parser_.parse_query(parsed.text, 0);
    parsed.plain_words = true;
    return parsed;
}

std::string QueryBuilder::spelling_correction(const std::string& text) {
    try {
        parser_.parse_query(text, query_parser_flags() | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
    } catch (const Xapian::QueryParserError&) {
        parser_.parse_query(plain_words_of(text), Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
    }
    return parser_.get_corrected_query_string();
}

}  // namespace mlsys::query
