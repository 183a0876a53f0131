#include "query_builder.h"

#include "field_values.h"
#include "preparation.h"

#include "mlsys/query/paper_ids.h"

#include "mlsys/schema/analysis.h"
#include "mlsys/schema/errors.h"
#include "mlsys/schema/limits.h"
#include "mlsys/schema/text.h"

#include <iterator>

namespace mlsys::query {

namespace {

// Routes "venue:", "year:" and "category:" in query text to the same value queries the
// command-line filters use, so aliases, case folding and ranges behave the same in both.
// A value of the wrong shape ("year:soon") is flagged rather than thrown, and so is one that
// cannot match ("year:2019..2017", kept for parse() to throw): an exception thrown through
// QueryParser::parse_query leaks the parser's state (seen under LeakSanitizer).
class FieldValueProcessor : public Xapian::FieldProcessor {
  public:
    FieldValueProcessor(const schema::Field& field, const VenueAliases& aliases, bool& bad_value,
                        std::string& input_error, bool& used,
                        std::vector<std::pair<schema::FieldId, std::string>>& values)
        : field_(field),
          aliases_(aliases),
          bad_value_(bad_value),
          input_error_(input_error),
          used_(used),
          values_(values) {}
    Xapian::Query operator()(const std::string& value) override {
        try {
            Xapian::Query query = field_value_query(field_, value, aliases_);
            used_ = true;
            values_.emplace_back(field_.id, value);
            return query;
        } catch (const UsageError&) {
            bad_value_ = true;
        } catch (const InputError& e) {
            input_error_ = e.what();
        }
        return Xapian::Query::MatchNothing;
    }

  private:
    const schema::Field& field_;
    const VenueAliases& aliases_;
    bool& bad_value_;
    std::string& input_error_;
    bool& used_;
    std::vector<std::pair<schema::FieldId, std::string>>& values_;
};

// Routes "id:", "references:" and "citations:" to paper_id_query, so a unique prefix names its
// paper and a shorter one every paper it begins. An id: value that begins no id is kept for the
// hint beside the (empty) results; an unknown link is only a paper no one cites.
class PaperIdProcessor : public Xapian::FieldProcessor {
  public:
    PaperIdProcessor(const Xapian::Database& db, const schema::Field& field, std::vector<std::string>& unknown_ids,
                     bool& used)
        : db_(db), field_(field), unknown_ids_(unknown_ids), used_(used) {}
    Xapian::Query operator()(const std::string& value) override {
        used_ = true;
        if (std::optional<Xapian::Query> query = paper_id_query(db_, field_.id, value)) return *query;
        if (field_.id == schema::FieldId::Id) unknown_ids_.push_back(value);
        // The value's own term, which no paper has: MatchNothing alone would read as a query
        // without words, which lists every paper.
        return Xapian::Query(schema::boolean_term(field_.id, value));
    }

  private:
    const Xapian::Database db_;
    const schema::Field& field_;
    std::vector<std::string>& unknown_ids_;
    bool& used_;
};

// A query past the bounds of docs/limits.md is refused before it is prepared or run.
void check_query_length(const std::string& text) {
    if (text.size() <= limits::kMaxQueryBytes) return;
    throw InputError("query: too long: " + std::to_string(text.size()) + " bytes, at most " +
                     std::to_string(limits::kMaxQueryBytes) + " (docs/limits.md)");
}

void check_query_terms(const Xapian::Query& query) {
    const auto terms =
        static_cast<std::size_t>(std::distance(query.get_unique_terms_begin(), query.get_unique_terms_end()));
    if (terms <= limits::kMaxQueryTerms) return;
    throw InputError("query: too many terms: " + std::to_string(terms) +
                     " (words, words of phrases, field values), at most " + std::to_string(limits::kMaxQueryTerms) +
                     " (docs/limits.md)");
}

}  // namespace

unsigned query_parser_flags() {
    return Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_LOVEHATE |
           Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PURE_NOT;
}

QueryBuilder::QueryBuilder(const Xapian::Database& db, const VenueAliases& aliases) : stemmer_(analysis::stemmer()) {
    parser_.set_database(db);
    parser_.set_stemmer(stemmer_);
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser_.set_stopper(&analysis::stopper());
    parser_.set_default_op(Xapian::Query::OP_OR);
    // A wildcard matching more words makes the search throw Xapian::WildcardError, which the
    // Searcher reports as a bad query: searching a truncated expansion would answer in silence.
    parser_.set_max_expansion(limits::kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_ERROR,
                              Xapian::QueryParser::FLAG_WILDCARD);
    for (const schema::Field& field : schema::kFields) {
        if (!schema::is_query_field(field)) continue;
        if (field.indexing == schema::Indexing::FreeText) {
            parser_.add_prefix(std::string(field.name), std::string(field.prefix));
            continue;
        }
        if (schema::holds_paper_ids(field.id)) {
            field_processors_.push_back(std::make_unique<PaperIdProcessor>(db, field, unknown_ids_, field_filter_));
        } else {
            field_processors_.push_back(std::make_unique<FieldValueProcessor>(
                field, aliases, bad_field_value_, input_error_, field_filter_, field_values_));
        }
        parser_.add_boolean_prefix(std::string(field.name), field_processors_.back().get());
    }
}

bool is_keyword_query(const Tokens& tokens, std::size_t max_words) {
    std::size_t words = 0;
    for (const Token& token : tokens) {
        if (token.kind != TokenKind::Word) return false;
        if (!analysis::stopper()(text::lower(token.text))) ++words;
    }
    return words >= 2 && words <= max_words;
}

ParsedQuery QueryBuilder::parse(const std::string& text, std::size_t max_keyword_words) {
    check_query_length(text);
    const PreparedText prepared = prepare(text);
    ParsedQuery parsed = parse_prepared(text, prepared.text);
    if (!parsed.plain_words && is_keyword_query(prepared.tokens, max_keyword_words)) {
        parsed.all_words = all_words_query(prepared.text);
    }
    return parsed;
}

std::optional<Xapian::Query> QueryBuilder::all_words_query(const std::string& prepared) {
    // The parser drops stopwords under AND as under OR, and keeps an acronym's bracketed
    // alternatives OR-ed, so each word stays one group of its forms.
    parser_.set_default_op(Xapian::Query::OP_AND);
    std::optional<Xapian::Query> query;
    try {
        query = parser_.parse_query(prepared, query_parser_flags());
    } catch (const Xapian::QueryParserError&) {
        // Not valid syntax under AND either: the query has no all-words reading.
    }
    parser_.set_default_op(Xapian::Query::OP_OR);
    if (!query || query->get_type() != Xapian::Query::OP_AND || query->get_num_subqueries() < 2) return std::nullopt;
    return query;
}

ParsedQuery QueryBuilder::parse_prepared(const std::string& text, const std::string& prepared) {
    bad_field_value_ = false;
    input_error_.clear();
    field_filter_ = false;
    unknown_ids_.clear();
    field_values_.clear();
    try {
        ParsedQuery parsed;
        parsed.text = text;
        parsed.query = parser_.parse_query(prepared, query_parser_flags());
        if (!input_error_.empty()) throw InputError(input_error_);
        check_query_terms(parsed.query);
        parsed.has_field_filter = field_filter_;
        parsed.unknown_ids = unknown_ids_;
        parsed.field_values = field_values_;
        if (!bad_field_value_) return parsed;
    } catch (const Xapian::QueryParserError&) {
        // Not valid syntax: searched as its plain words, below.
    }
    return parse_plain_words(text);
}

ParsedQuery QueryBuilder::parse_plain_words(const std::string& text) {
    ParsedQuery parsed;
    const std::string words = plain_words_of(analysis::fold(text));
    parsed.text = text::squeeze_spaces(words);
    parsed.query = parser_.parse_query(words, 0);
    // Text of field names and filter values alone ("year:soon") has no words left: that is a
    // query matching nothing, not the empty query (Xapian's MatchNothing is empty too), which
    // lists every paper.
    if (parsed.query.empty() && !text::squeeze_spaces(text).empty()) {
        parsed.query = Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll, Xapian::Query::MatchAll);
    }
    parsed.plain_words = true;
    check_query_terms(parsed.query);
    return parsed;
}

QueryAnalysis QueryBuilder::analyze(const std::string& text) {
    check_query_length(text);
    const PreparedText prepared = prepare(text);
    const ParsedQuery parsed = parse_prepared(text, prepared.text);
    QueryAnalysis analysis;
    analysis.stages = {{"input", text}, {"tokens", described(prepared.tokens)}};
    analysis.stages.insert(analysis.stages.end(), prepared.passes.begin(), prepared.passes.end());
    if (parsed.plain_words) analysis.stages.push_back({"plain words", parsed.text});
    analysis.query = parsed.query.get_description();
    analysis.plain_words = parsed.plain_words;
    return analysis;
}

}  // namespace mlsys::query
