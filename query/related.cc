#include "mlsys/query/related.h"

#include "field_values.h"

#include "mlsys/query/paper_ids.h"

#include "mlsys/schema/analysis.h"
#include "mlsys/schema/document.h"
#include "mlsys/schema/errors.h"
#include "mlsys/schema/schema.h"
#include "mlsys/schema/text.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>
#include <optional>
#include <unordered_set>

namespace mlsys::query {

using schema::FieldId;

namespace {

// The id a draft gets in its one-document database; never shown, never searched for.
constexpr std::string_view kDraftId = "mlsys-query:draft";

using analysis::word_of;

bool is_expansion_term(const std::string& term, ExpansionTerms kind) {
    return kind == ExpansionTerms::Words ? analysis::is_unprefixed_word(term) : analysis::is_unprefixed_stem(term);
}

// The unprefixed terms ("xiao", "Zxiao") that the relevance set's papers hold only through
// their authors' names. Names are indexed as free text, so without this the expansion picks
// surnames, which finds anyone of that name rather than related work (Tux² came out "related"
// to Gandiva through "xiao, wencong, lidong, zhou"). Names count only as whole shared authors
// (--related-authors), a signal of its own that --explain names.
class NameOnlyTerms {
  public:
    explicit NameOnlyTerms(const std::vector<Xapian::Document>& docs) {
        for (const Xapian::Document& doc : docs) {
            for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) held_.insert(*term);
        }
    }

    bool contains(const std::string& term) const {
        if (held_.count(analysis::in_field(term, schema::field(FieldId::Author).prefix)) == 0) return false;
        for (const schema::Field& field : schema::kFields) {
            if (field.indexing != schema::Indexing::FreeText || field.id == FieldId::Author) continue;
            if (held_.count(analysis::in_field(term, field.prefix)) != 0) return false;
        }
        return true;
    }

  private:
    std::unordered_set<std::string> held_;
};

// The words the relevance-feedback recipe may pick, as Omega's MORELIKE lets it: no prefixed
// (field-only or filter) terms, no stopwords, and only words found in another paper too, since
// a word only the source has cannot find anything; and no word that is only part of a name.
class ExpansionDecider : public Xapian::ExpandDecider {
  public:
    ExpansionDecider(const Xapian::Database& db, ExpansionTerms kind, const NameOnlyTerms* names)
        : db_(db), kind_(kind), names_(names) {}

    bool operator()(const std::string& term) const override {
        return is_expansion_term(term, kind_) && !analysis::stopper()(word_of(term)) && db_.get_termfreq(term) > 1 &&
               !(names_ && names_->contains(term));
    }

  private:
    const Xapian::Database& db_;
    const ExpansionTerms kind_;
    const NameOnlyTerms* names_;
};

// The document of the paper with `paper_id` in `db`, if it holds one.
std::optional<Xapian::docid> docid_of(const Xapian::Database& db, const std::string& paper_id) {
    const std::string id_term = schema::id_term(paper_id);
    const auto posting = db.postlist_begin(id_term);
    if (posting == db.postlist_end(id_term)) return std::nullopt;
    return *posting;
}

// A draft: its first line the title, the rest the abstract.
Paper draft_paper(const std::string& text) {
    if (text::squeeze_spaces(text).empty()) throw UsageError("the draft text is empty");
    Paper draft;
    draft.id = std::string(kDraftId);
    const std::size_t line_end = text.find('\n');
    draft.title = text::squeeze_spaces(text.substr(0, line_end));
    if (line_end != std::string::npos) draft.abstract = text::squeeze_spaces(text.substr(line_end + 1));
    return draft;
}

// The index searched together with a one-paper in-memory database holding the draft, so the
// draft can be a relevance set and its words' frequencies count the draft as one more paper.
struct DraftDatabase {
    DraftDatabase(const Xapian::Database& index, const Paper& draft)
        : draft_db(std::string(), Xapian::DB_BACKEND_INMEMORY), combined(index) {
        DocumentBuilder builder;
        draft_db.add_document(builder.build(draft));
        combined.add_database(draft_db);
    }
    // The draft is document 1 of the last sub-database; combined docids interleave the
    // sub-databases, so it is the size()-th document.
    Xapian::docid draft_docid() const { return static_cast<Xapian::docid>(combined.size()); }

    Xapian::WritableDatabase draft_db;
    Xapian::Database combined;
};

// Xapian owns a posting source once it is released to a Query; until then the unique_ptr does.
template <typename Source>
Xapian::Query posting_source_query(std::unique_ptr<Source> source) {
    Xapian::Query query(source->release());
    (void)source.release();  // now reference-counted by the query
    return query;
}

// `weight` for every paper that matches `where` (a boolean filter, which has no weight itself).
Xapian::Query constant_weight(double weight, const Xapian::Query& where) {
    return Xapian::Query(Xapian::Query::OP_FILTER,
                         posting_source_query(std::make_unique<Xapian::FixedWeightPostingSource>(weight)), where);
}

Xapian::Query scaled(const Xapian::Query& query, double factor) {
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query, factor);
}

// The term for the same word (or stem) in titles only.
std::string title_term(const std::string& term) {
    return analysis::in_field(term, schema::field(FieldId::Title).prefix);
}

// For explanations: a word of the source behind each stem, so a reader sees "scheduling"
// rather than "schedul".
std::map<std::string, std::string> words_by_stem(const Xapian::Document& doc) {
    std::map<std::string, std::string> words;
    for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
        if (analysis::is_unprefixed_word(*term)) words.emplace(analysis::stem_term(*term), *term);
    }
    return words;
}

// The title's words in order, as the indexer made them, stopwords left out.
std::vector<std::string> title_words(const std::string& title) {
    std::vector<std::string> words;
    for (std::string& word : analysis::terms_in_order(title)) {
        if (!analysis::stopper()(word)) words.push_back(std::move(word));
    }
    return words;
}

}  // namespace

RelatedQuery::RelatedQuery(const Xapian::Database& db, const RelatedSource& source, const RelatedOptions& options,
                           const VenueAliases& aliases)
    : db_(db), options_(options) {
    if (!source.paper_id.empty()) {
        const std::string paper_id = resolve_paper_id(db, source.paper_id);
        const Xapian::docid doc = *docid_of(db, paper_id);
        source_ = paper_from_document(db.get_document(doc));
        exclude_term_ = schema::id_term(paper_id);
        build(db, doc, aliases);
    } else {
        source_ = draft_paper(source.text);
        const DraftDatabase draft(db, source_);
        build(draft.combined, draft.draft_docid(), aliases);
        source_.id.clear();
    }
    combine();
}

void RelatedQuery::build(const Xapian::Database& searched, Xapian::docid source_doc, const VenueAliases& aliases) {
    const Xapian::Document doc = searched.get_document(source_doc);
    add_expansion_terms(searched, {source_doc}, doc, "term", 1);
    add_citation_links();
    add_feedback(searched, source_doc);
    add_whole_text(doc, searched);
    add_title_phrases();
    add_authors(aliases);
    add_category();
    add_year();
}

void RelatedQuery::add_expansion_terms(const Xapian::Database& searched,
                                       const std::vector<Xapian::docid>& relevant_docs,
                                       const Xapian::Document& source_doc, const std::string& signal, double scale) {
    if (options_.terms == 0) return;
    Xapian::RSet relevant;
    std::vector<Xapian::Document> relevant_papers;
    for (const Xapian::docid doc : relevant_docs) {
        relevant.add_document(doc);
        relevant_papers.push_back(searched.get_document(doc));
    }
    const NameOnlyTerms names(relevant_papers);
    Xapian::Enquire enquire(searched);
    const ExpansionDecider decider(searched, options_.term_kind, &names);
    // Exact frequencies: the default estimate is coarse when the index is several shards.
    const Xapian::ESet picked =
        enquire.get_eset(options_.terms, relevant, Xapian::Enquire::USE_EXACT_TERMFREQ, &decider);
    if (picked.empty()) return;
    const std::map<std::string, std::string> words = words_by_stem(source_doc);
    const double strongest = picked.begin().get_weight();
    for (auto it = picked.begin(); it != picked.end(); ++it) {
        const double factor = scale * std::pow(it.get_weight() / strongest, options_.eset_weighting);
        const auto word = words.find(*it);
        const std::string shown = word != words.end() ? word->second : word_of(*it);
        matching_.push_back({signal, shown, scaled(Xapian::Query(*it), factor)});
        if (options_.title_weight > 0) {
            matching_.push_back(
                {"title", shown, scaled(Xapian::Query(title_term(*it)), factor * options_.title_weight)});
        }
    }
}

void RelatedQuery::add_feedback(const Xapian::Database& searched, Xapian::docid source_doc) {
    if (options_.feedback_docs == 0 || options_.feedback_weight <= 0 || matching_.empty()) return;
    combine();
    Xapian::Enquire first_pass(db_);
    configure(first_pass);
    first_pass.set_query(query_);
    const Xapian::MSet top = first_pass.get_mset(0, options_.feedback_docs);
    std::vector<Xapian::docid> relevant{source_doc};
    const Xapian::valueno id_slot = schema::field(FieldId::Id).slot;
    for (auto it = top.begin(); it != top.end(); ++it) {
        // Found by id: for a draft the searched database is not the one the results came from.
        if (const auto in_searched = docid_of(searched, it.get_document().get_value(id_slot))) {
            relevant.push_back(*in_searched);
        }
    }
    add_expansion_terms(searched, relevant, searched.get_document(source_doc), "feedback", options_.feedback_weight);
}

void RelatedQuery::add_whole_text(const Xapian::Document& source_doc, const Xapian::Database& searched) {
    if (options_.text_weight <= 0) return;
    const NameOnlyTerms names({source_doc});
    const ExpansionDecider usable(searched, options_.term_kind, &names);
    std::vector<Xapian::Query> words;
    for (auto term = source_doc.termlist_begin(); term != source_doc.termlist_end(); ++term) {
        // A word the source repeats (or has in its title, which counts three times) weighs more,
        // saturating as BM25's query-term factor with k3 = 1 would.
        const double repeats = term.get_wdf();
        if (usable(*term)) words.push_back(scaled(Xapian::Query(*term), 2 * repeats / (1 + repeats)));
    }
    if (words.empty()) return;
    const Xapian::Query text(Xapian::Query::OP_OR, words.begin(), words.end());
    matching_.push_back({"text", "the whole text", scaled(text, options_.text_weight)});
}

void RelatedQuery::add_title_phrases() {
    if (options_.phrase_weight <= 0) return;
    const std::vector<std::string> words = title_words(source_.title);
    for (std::size_t i = 1; i < words.size(); ++i) {
        // Two words that a stopword stood between ("scheduling for deep") find no phrase, and
        // so add nothing.
        const Xapian::Query pair[] = {Xapian::Query(words[i - 1]), Xapian::Query(words[i])};
        const Xapian::Query phrase(Xapian::Query::OP_PHRASE, std::begin(pair), std::end(pair), 2);
        matching_.push_back({"phrase", words[i - 1] + " " + words[i], scaled(phrase, options_.phrase_weight)});
    }
}

void RelatedQuery::add_authors(const VenueAliases& aliases) {
    if (options_.author_weight <= 0) return;
    const schema::Field& author = schema::field(FieldId::Author);
    for (const std::string& name : source_.authors) {
        try {
            matching_.push_back(
                {"author", name, scaled(field_value_query(author, name, aliases), options_.author_weight)});
        } catch (const UsageError&) {
            // A name without a single word ("—") cannot be shared with anyone.
        }
    }
}

void RelatedQuery::add_citation_links() {
    if (options_.citation_weight <= 0) return;
    std::vector<SharedLink> shared = shared_links(FieldId::References, source_.references, "shared reference");
    const std::vector<SharedLink> cocited = shared_links(FieldId::Citations, source_.citations, "shared citation");
    shared.insert(shared.end(), cocited.begin(), cocited.end());
    // The rarest links say the most; a classic's thousands of citations would otherwise make
    // thousands of parts.
    std::sort(shared.begin(), shared.end(), [](const SharedLink& a, const SharedLink& b) {
        return a.rarity != b.rarity ? a.rarity > b.rarity : a.term < b.term;
    });
    if (shared.size() > options_.max_links) shared.resize(options_.max_links);
    for (const SharedLink& link : shared) {
        matching_.push_back({link.signal, link.paper_id,
                             constant_weight(options_.citation_weight * link.rarity, Xapian::Query(link.term))});
    }
    if (options_.citation_links == CitationLinks::All) add_direct_links();
}

std::vector<RelatedQuery::SharedLink> RelatedQuery::shared_links(FieldId field, const std::vector<std::string>& linked,
                                                                 const std::string& signal) const {
    const double papers = db_.get_doccount();
    // The source holds each of its own link terms; a draft is not in the index.
    const Xapian::doccount source_share = exclude_term_.empty() ? 0 : 1;
    std::vector<SharedLink> shared;
    for (const std::string& paper_id : linked) {
        if (options_.citation_links == CitationLinks::OutsideIndex && indexed(paper_id)) continue;
        std::string term = schema::boolean_term(field, paper_id);
        const Xapian::doccount sharing = db_.get_termfreq(term);
        if (sharing <= source_share) continue;
        // A classic cited by hundreds says little about two papers that both cite it.
        shared.push_back({signal, paper_id, std::move(term), std::log(papers / sharing)});
    }
    return shared;
}

void RelatedQuery::add_direct_links() {
    if (exclude_term_.empty()) return;
    // Either side of the link may be the one that records it.
    const auto linked = [&](const std::vector<std::string>& ids, FieldId back_field) {
        std::vector<Xapian::Query> papers{Xapian::Query(schema::boolean_term(back_field, source_.id))};
        for (const std::string& paper_id : ids) papers.emplace_back(schema::id_term(paper_id));
        return Xapian::Query(Xapian::Query::OP_OR, papers.begin(), papers.end());
    };
    // As rare as a link gets: one paper.
    const double weight = options_.citation_weight * std::log(static_cast<double>(db_.get_doccount()));
    matching_.push_back(
        {"citation", "cited by the source", constant_weight(weight, linked(source_.references, FieldId::Citations))});
    matching_.push_back(
        {"citation", "cites the source", constant_weight(weight, linked(source_.citations, FieldId::References))});
}

void RelatedQuery::name_shared_papers(std::map<std::string, std::vector<Contribution>>& explained) const {
    std::map<std::string, std::string> titles;  // by id; empty for a paper the index lacks
    for (auto& [id, contributions] : explained) {
        for (Contribution& c : contributions) {
            if (c.signal != "shared reference" && c.signal != "shared citation") continue;
            auto known = titles.find(c.value);
            if (known == titles.end()) known = titles.emplace(c.value, title_of(c.value)).first;
            c.title = known->second;
        }
    }
}

std::string RelatedQuery::title_of(const std::string& paper_id) const {
    const std::optional<Xapian::docid> doc = docid_of(db_, paper_id);
    return doc ? paper_from_document(db_.get_document(*doc)).title : std::string();
}

bool RelatedQuery::indexed(const std::string& paper_id) const {
    return db_.term_exists(schema::id_term(paper_id));
}

void RelatedQuery::add_category() {
    if (options_.category_weight <= 0) return;
    // Each level of a path carries an equal share: the same category earns the full weight,
    // a sibling under the same parent the parent's share. An ancestor that two of the source's
    // paths share is boosted once.
    std::vector<std::string> boosted;
    for (const std::string& category : source_.categories) {
        const std::vector<std::string> paths = analysis::category_paths(category);
        for (const std::string& path : paths) {
            if (std::find(boosted.begin(), boosted.end(), path) != boosted.end()) continue;
            boosted.push_back(path);
            const double share = options_.category_weight / static_cast<double>(paths.size());
            boosts_.push_back({"category", path,
                               constant_weight(share, Xapian::Query(schema::boolean_term(FieldId::Category, path)))});
        }
    }
}

void RelatedQuery::add_year() {
    if (options_.year_weight <= 0 || options_.year_span <= 0 || !source_.year) return;
    const Xapian::valueno slot = schema::field(FieldId::Year).slot;
    const std::string lowest = db_.get_value_lower_bound(slot);
    const std::string highest = db_.get_value_upper_bound(slot);
    if (lowest.empty() || highest.empty()) return;
    auto near_years = std::make_unique<Xapian::ValueMapPostingSource>(slot);
    near_years->set_default_weight(0);
    for (int year = schema::year_from_value(lowest); year <= schema::year_from_value(highest); ++year) {
        const double apart = std::abs(year - *source_.year);
        const double weight = options_.year_weight * std::max(0.0, 1 - apart / options_.year_span);
        if (weight > 0) near_years->add_mapping(schema::year_value(year), weight);
    }
    boosts_.push_back({"year", std::to_string(*source_.year), posting_source_query(std::move(near_years))});
}

void RelatedQuery::combine() {
    if (matching_.empty()) {
        query_ = Xapian::Query::MatchNothing;
        return;
    }
    std::vector<Xapian::Query> any_of;
    for (const Part& part : matching_) any_of.push_back(part.query);
    query_ = Xapian::Query(Xapian::Query::OP_OR, any_of.begin(), any_of.end());
    if (!boosts_.empty()) {
        std::vector<Xapian::Query> boosts;
        for (const Part& part : boosts_) boosts.push_back(part.query);
        query_ = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query_,
                               Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end()));
    }
    if (!exclude_term_.empty()) query_ = Xapian::Query(Xapian::Query::OP_AND_NOT, query_, Xapian::Query(exclude_term_));
}

void RelatedQuery::configure(Xapian::Enquire& enquire) const {
    // k3 = 0: a word that is in several parts (a picked word, and picked again by feedback)
    // weighs the same in each as on its own, so that explain() adds up to the score. A minimum
    // normalised length of 0.5 keeps a paper with a title alone from outscoring full abstracts
    // on one shared word.
    enquire.set_weighting_scheme(Xapian::BM25Weight(options_.bm25_k1, 0, 0, options_.bm25_b, 0.5));
}

std::map<std::string, std::vector<Contribution>> RelatedQuery::explain(
    const std::vector<std::string>& paper_ids) const {
    std::map<std::string, std::vector<Contribution>> explained;
    if (paper_ids.empty()) return explained;
    std::vector<Xapian::Query> id_terms;
    for (const std::string& id : paper_ids) id_terms.emplace_back(schema::id_term(id));
    const Xapian::Query these_papers(Xapian::Query::OP_OR, id_terms.begin(), id_terms.end());
    const Xapian::valueno id_slot = schema::field(FieldId::Id).slot;
    // Every part is a summand of the query (OR and AND_MAYBE add weights), so its weight on its
    // own is exactly what it added to each paper's score.
    const auto weigh = [&](const Part& part) {
        Xapian::Enquire enquire(db_);
        configure(enquire);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, part.query, these_papers));
        const Xapian::MSet weights = enquire.get_mset(0, static_cast<Xapian::doccount>(paper_ids.size()));
        for (auto it = weights.begin(); it != weights.end(); ++it) {
            if (it.get_weight() <= 0) continue;
            explained[it.get_document().get_value(id_slot)].push_back({part.signal, part.value, it.get_weight(), ""});
        }
    };
    for (const Part& part : matching_) weigh(part);
    for (const Part& part : boosts_) weigh(part);
    name_shared_papers(explained);
    for (auto& [id, contributions] : explained) {
        std::stable_sort(contributions.begin(), contributions.end(),
                         [](const Contribution& a, const Contribution& b) { return a.weight > b.weight; });
    }
    return explained;
}

}  // namespace mlsys::query
