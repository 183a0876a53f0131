#include "query_builder.h"

#include "field_values.h"
#include "mlsys/analysis.h"
#include "mlsys/errors.h"

#include <cctype>

namespace mlsys::query {

namespace {

// Routes "venue:", "year:", "category:" and "id:" in query text to the same value queries the
// command-line filters use, so aliases, case folding and ranges behave the same in both.
// A value of the wrong shape ("year:soon") is flagged rather than thrown: an exception thrown
// through QueryParser::parse_query leaks the parser's state (seen under LeakSanitizer).
class FieldValueProcessor : public Xapian::FieldProcessor {
  public:
    FieldValueProcessor(const schema::Field& field, const VenueAliases& aliases, bool& bad_value)
        : field_(field), aliases_(aliases), bad_value_(bad_value) {}
    Xapian::Query operator()(const std::string& value) override {
        try {
            return field_value_query(field_, value, aliases_);
        } catch (const UsageError&) {
            bad_value_ = true;
            return Xapian::Query::MatchNothing;
        }
    }

  private:
    const schema::Field& field_;
    const VenueAliases& aliases_;
    bool& bad_value_;
};

// Keeps letters, digits and anything non-ASCII; everything else (quotes, brackets, colons,
// operators) becomes a space.
std::string plain_words_of(const std::string& text) {
    std::string words;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        words += (std::isalnum(byte) || byte >= 0x80) ? c : ' ';
    }
    return words;
}

}  // namespace

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
        if (field.indexing == schema::Indexing::FreeText) {
            parser_.add_prefix(std::string(field.name), std::string(field.prefix));
            continue;
        }
        field_processors_.push_back(std::make_unique<FieldValueProcessor>(field, aliases, bad_field_value_));
        parser_.add_boolean_prefix(std::string(field.name), field_processors_.back().get());
    }
}

ParsedQuery QueryBuilder::parse(const std::string& text) {
    bad_field_value_ = false;
    try {
        ParsedQuery parsed;
        parsed.text = text;
        parsed.query = parser_.parse_query(text, query_parser_flags());
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
