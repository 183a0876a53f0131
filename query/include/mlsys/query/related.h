// Related work: the papers most related to one paper of the index (--related ID), or to a
// draft's title and abstract (--like TEXT).
//
// The core is Xapian's relevance-feedback recipe, as Omega's MORELIKE uses it: the source paper
// alone is the relevance set, Enquire::get_eset picks its most telling words, and those words,
// OR-ed, are the query. A draft is not in the index, so it is added to a one-document in-memory
// database searched together with the index; the recipe then works on it unchanged. Further
// signals are parts of the same query, each weighted by an option; bench/related measured which
// of them pay (bench/README.md has the table), and the defaults below are the winners.
#pragma once

#include "mlsys/schema/paper.h"
#include "mlsys/schema/schema.h"
#include "mlsys/schema/venue_aliases.h"

#include <xapian.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace mlsys::query {

// What the results should be related to: exactly one of the two is set.
struct RelatedSource {
    std::string paper_id;  // --related: a paper of the index, by its id or a unique prefix of it
    std::string text;      // --like: a draft; its first line is the title, the rest the abstract
};

// Which terms the relevance-feedback recipe may pick from the source paper.
enum class ExpansionTerms {
    Words,  // unstemmed words of all fields together, as Omega does
    Stems,  // their stems, so "scheduler" in one paper meets "scheduling" in another
};

// Which citation links the citation signal may follow.
enum class CitationLinks {
    All,  // the source's links to every paper, indexed or not, and its direct links
    // Only links through papers the index does not hold: the source's links to indexed papers
    // are never read. bench/related uses it, because those links are its judgments.
    OutsideIndex,
};

struct RelatedOptions {
    Xapian::termcount terms = 100;  // how many words get_eset picks (a title gives fewer)
    ExpansionTerms term_kind = ExpansionTerms::Stems;
    // Each picked word weighs (its expansion weight / the strongest one's) ^ eset_weighting:
    // 0 weighs them all alike, as Omega does; 1 in proportion.
    double eset_weighting = 1;
    // A picked word found in a paper's title adds this share of its weight again: titles say
    // what a paper is about, abstracts also what it is not.
    double title_weight = 0.5;
    // Adjacent words of the source's title found as a phrase ("parameter server").
    double phrase_weight = 1;
    // Pseudo-relevance feedback: the first `feedback_docs` results join the source in the
    // relevance set, and the words picked then are added with `feedback_weight` (0 docs: off).
    Xapian::doccount feedback_docs = 3;
    double feedback_weight = 0.3;
    // The source's whole text (every word, weighted by how often it occurs) as a further query.
    double text_weight = 0;
    // Each author the source shares with a paper, as a phrase of the author's name. Names never
    // enter the expansion words (surnames alone find namesakes); this is how they count. On
    // bench/related, taking them out of the words cost nDCG@10 0.5107 → 0.5015, and whole
    // shared names at 1 (with citations at 1.5) bring it to 0.5115 (bench/README.md).
    double author_weight = 1;
    // A paper in the source's category (a sibling under the same parent earns the parent's
    // share). bench/related cannot measure it (the Semantic Scholar export has no categories,
    // so it changes nothing there); on the curated list 0.5 lifts papers filed beside the
    // source (BML into Poseidon's five) without pushing out related papers filed elsewhere
    // (Orpheus for Poseidon, which 1 does).
    double category_weight = 0.5;
    // Citation links, as Semantic Scholar exports give them: a paper that cites a paper the
    // source cites (bibliographic coupling), or is cited by a paper citing the source
    // (co-citation), earns this weight × the shared paper's rarity, log(papers / papers linked
    // to it), for each paper they share; a paper the source cites or is cited by earns it
    // × log(papers). Citation links are the strongest evidence of related work where abstracts
    // are missing (bench/related: bench/README.md has the table).
    double citation_weight = 1.5;
    CitationLinks citation_links = CitationLinks::All;
    // How many shared papers count at most, the rarest first.
    std::size_t max_links = 200;
    // A paper published near the source's year: full weight the same year, none `year_span`
    // years or more apart.
    double year_weight = 0;
    double year_span = 5;
    // BM25 for related-work queries, kept apart from keyword ranking: a 60-word query against
    // whole papers is a different problem from a few typed words.
    double bm25_k1 = 1.0;
    double bm25_b = 0.5;
};

// One reason a paper came out related, with what it added to the paper's score.
struct Contribution {
    // "term" (a picked word), "title" (that word in the paper's title), "phrase", "feedback"
    // (a word picked with the first results), "text", "author", "category", "year", "shared
    // reference", "shared citation" (the id of the paper both cite, or both are cited by) or
    // "citation" ("cited by the source", "cites the source").
    std::string signal;
    std::string value;  // the word, phrase, author name, category path, year or paper id
    double weight = 0;
    std::string title;  // for a shared paper the index holds, its title; else empty
};

// Sets an Enquire's weighting scheme: keyword and related-work searches each have their own.
using ConfigureWeighting = std::function<void(Xapian::Enquire&)>;

class RelatedQuery {
  public:
    // The query for papers related to `source` in `db`. The source's id goes through
    // resolve_paper_id (mlsys/query/paper_ids.h): an id or prefix naming no paper, or several,
    // throws InputError; blank draft text throws UsageError.
    RelatedQuery(const Xapian::Database& db, const RelatedSource& source, const RelatedOptions& options,
                 const VenueAliases& aliases = VenueAliases::bundled());

    // Matches the papers that share a picked word, an author or a citation link with the source,
    // never the source itself; the category and year only reorder them.
    const Xapian::Query& query() const { return query_; }

    // The source paper (for --like, the draft as a paper without an id).
    const Paper& source() const { return source_; }

    // Sets the weighting scheme the query is meant to be ranked with.
    void configure(Xapian::Enquire& enquire) const;

    // Per paper id, what each signal added to its score, strongest first.
    std::map<std::string, std::vector<Contribution>> explain(const std::vector<std::string>& paper_ids) const;

  private:
    struct Part {
        std::string signal;
        std::string value;
        Xapian::Query query;
    };

    void build(const Xapian::Database& searched, Xapian::docid source_doc, const VenueAliases& aliases);
    void add_expansion_terms(const Xapian::Database& searched, const std::vector<Xapian::docid>& relevant_docs,
                             const Xapian::Document& source_doc, const std::string& signal, double scale);
    void add_feedback(const Xapian::Database& searched, Xapian::docid source_doc);
    void add_whole_text(const Xapian::Document& source_doc, const Xapian::Database& searched);
    void add_title_phrases();
    void add_authors(const VenueAliases& aliases);
    void add_citation_links();
    struct SharedLink {
        std::string signal;
        std::string paper_id;  // the paper both link to
        std::string term;
        double rarity = 0;  // log(papers / papers linked to it)
    };
    std::vector<SharedLink> shared_links(schema::FieldId field, const std::vector<std::string>& linked,
                                         const std::string& signal) const;
    void add_direct_links();
    bool indexed(const std::string& paper_id) const;
    std::string title_of(const std::string& paper_id) const;  // empty when the index lacks it
    // Gives each shared paper the index holds its title, for readers.
    void name_shared_papers(std::map<std::string, std::vector<Contribution>>& explained) const;
    void add_category();
    void add_year();
    void combine();

    const Xapian::Database& db_;
    const RelatedOptions options_;
    Paper source_;
    std::string exclude_term_;    // the source's id term; empty for a draft
    std::vector<Part> matching_;  // a paper must match one of these to be related
    std::vector<Part> boosts_;    // these only add weight to papers that match
    Xapian::Query query_;
};

}  // namespace mlsys::query
