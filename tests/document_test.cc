// Paper → Xapian::Document: terms, boolean terms, value slots, stored data, spelling words.
#include "mlsys/schema/document.h"

#include "mlsys/schema/analysis.h"
#include "mlsys/schema/schema.h"
#include "readers/record_validation.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mlsys {
namespace {

using schema::FieldId;

Paper full_paper() {
    Paper paper;
    paper.id = "neurips18-Serve";
    paper.title = "Serving Models";
    paper.venue = "NeurIPS";
    paper.year = 2018;
    paper.categories = {"Deep learning/Training"};
    paper.authors = {"Ion Stoica", "Matei Zaharia"};
    paper.abstract = "A parameter server for training.";
    paper.url = "https://example.org/serve";
    paper.doi = "10.1000/serve";
    paper.keywords = {"rdma", "gpu clusters"};
    paper.extra = Json::parse(R"({"note": "kept", "pages": [1, 12]})");
    return paper;
}

std::map<std::string, Xapian::termcount> terms_of(const Xapian::Document& doc) {
    std::map<std::string, Xapian::termcount> terms;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) terms[*it] = it.get_wdf();
    return terms;
}

std::vector<Xapian::termpos> positions_of(const Xapian::Document& doc, const std::string& term) {
    std::vector<Xapian::termpos> positions;
    auto it = doc.termlist_begin();
    it.skip_to(term);
    if (it == doc.termlist_end() || *it != term) return positions;
    for (auto pos = it.positionlist_begin(); pos != it.positionlist_end(); ++pos) positions.push_back(*pos);
    return positions;
}

TEST(DocumentBuilder, HasTheIdTermKeepingCase) {
    const Xapian::Document doc = DocumentBuilder().build(full_paper());
    const auto terms = terms_of(doc);
    ASSERT_EQ(terms.count(schema::id_term("neurips18-Serve")), 1u);
    EXPECT_EQ(terms.at("Qneurips18-Serve"), 0u);  // boolean: no within-document frequency
    EXPECT_EQ(terms.count("Qneurips18-serve"), 0u);
}

TEST(DocumentBuilder, HasBooleanTermsForVenueYearAndCategoryWithAncestors) {
    const auto terms = terms_of(DocumentBuilder().build(full_paper()));
    for (const std::string term : {"Vneurips", "Y2018", "XCdeep learning", "XCdeep learning/training", "XCtraining"}) {
        ASSERT_EQ(terms.count(term), 1u) << term;
        EXPECT_EQ(terms.at(term), 0u) << term;
    }
    EXPECT_EQ(schema::boolean_term(FieldId::Category, "Deep learning"), "XCdeep learning");
    // Exactly these boolean terms for the venue, year and category fields.
    std::set<std::string> filter_terms;
    for (const auto& [term, wdf] : terms) {
        if (term.rfind("V", 0) == 0 || term.rfind("Y", 0) == 0 || term.rfind("XC", 0) == 0) filter_terms.insert(term);
    }
    EXPECT_EQ(filter_terms, (std::set<std::string>{"Vneurips", "XCdeep learning", "XCdeep learning/training",
                                                   "XCtraining", "Y2018"}));
}

TEST(DocumentBuilder, HasABooleanTermForEachCitationLinkKeepingCase) {
    Paper paper = full_paper();
    paper.references = {"osdi16-TensorFlow", "nsdi17-clipper"};
    paper.citations = {"eurosys19-x"};
    const auto terms = terms_of(DocumentBuilder().build(paper));
    std::map<std::string, Xapian::termcount> links;
    for (const auto& [term, wdf] : terms) {
        if (term.rfind("XREF", 0) == 0 || term.rfind("XFROM", 0) == 0) links[term] = wdf;
    }
    EXPECT_EQ(links, (std::map<std::string, Xapian::termcount>{
                         {"XREFosdi16-TensorFlow", 0}, {"XREFnsdi17-clipper", 0}, {"XFROMeurosys19-x", 0}}));
    EXPECT_EQ(schema::boolean_term(FieldId::References, "osdi16-TensorFlow"), "XREFosdi16-TensorFlow");
}

TEST(DocumentBuilder, CategoriesGetATermForEveryRunOfLevels) {
    Paper paper = full_paper();
    paper.categories = {"Systems/Storage/Key-value stores"};
    const auto terms = terms_of(DocumentBuilder().build(paper));
    std::set<std::string> category_terms;
    for (const auto& [term, wdf] : terms) {
        if (term.rfind("XC", 0) == 0) category_terms.insert(term);
    }
    EXPECT_EQ(category_terms,
              (std::set<std::string>{"XCsystems", "XCsystems/storage", "XCsystems/storage/key-value stores",
                                     "XCstorage", "XCstorage/key-value stores", "XCkey-value stores"}));
}

TEST(DocumentBuilder, EveryCategoryOfAPaperIsIndexedAndItsPathsPackedOnce) {
    Paper paper = full_paper();
    paper.categories = {"Deep learning/Training", "Deep learning/Inference", "Systems"};
    const Xapian::Document doc = DocumentBuilder().build(paper);
    const auto terms = terms_of(doc);
    for (const std::string term : {"XCtraining", "XCinference", "XCdeep learning/inference", "XCsystems"}) {
        EXPECT_EQ(terms.count(term), 1u) << term;
    }
    // The shared ancestor once: the facet counts it once for the paper.
    EXPECT_EQ(doc.get_value(schema::field(FieldId::Category).slot),
              "Deep learning\x1f"
              "Deep learning/Training\x1f"
              "Deep learning/Inference\x1f"
              "Systems");
}

TEST(DocumentBuilder, FillsValueSlots) {
    const Xapian::Document doc = DocumentBuilder().build(full_paper());
    EXPECT_EQ(doc.get_value(schema::field(FieldId::Venue).slot), "NeurIPS");  // as displayed, not lower-cased
    EXPECT_EQ(doc.get_value(schema::field(FieldId::Year).slot), schema::year_value(2018));
    EXPECT_EQ(doc.get_value(schema::field(FieldId::Category).slot),
              "Deep learning\x1f"
              "Deep learning/Training");
    EXPECT_EQ(doc.get_value(schema::field(FieldId::Id).slot), "neurips18-Serve");
    // The listing keys: year then id in one value, newest first (9999 - 2018) and oldest first.
    EXPECT_EQ(doc.get_value(schema::kNewestFirstSlot), "07981neurips18-Serve");
    EXPECT_EQ(doc.get_value(schema::kOldestFirstSlot), "12018neurips18-Serve");
    EXPECT_EQ(doc.values_count(), 6u);
}

// Sorted as strings, the listing keys are year (newest or oldest first) then id, and a paper
// without a year comes last newest first, first oldest first, as the year slot sorts it.
TEST(DocumentBuilder, ListingKeysSortByYearThenId) {
    const std::vector<std::pair<std::optional<int>, std::string>> papers{
        {2019, "b"}, {std::nullopt, "a"}, {2018, "a"}, {2019, "a"}, {2018, "c"}};
    const auto listed = [&](bool newest_first) {
        std::map<std::string, std::string> by_key;
        for (const auto& [year, id] : papers) by_key[schema::listing_key(year, id, newest_first)] = id;
        std::string order;
        for (const auto& entry : by_key) order += entry.second;
        return order;
    };
    EXPECT_EQ(listed(true), "abaca");   // 2019 a, 2019 b, 2018 a, 2018 c, no year a
    EXPECT_EQ(listed(false), "aacab");  // no year a, 2018 a, 2018 c, 2019 a, 2019 b
}

TEST(DocumentBuilder, PaperWithoutVenueYearOrCategoryGetsNoFilterTermsOrValues) {
    Paper paper;
    paper.id = "doc1";
    paper.title = "Only a title";
    const Xapian::Document doc = DocumentBuilder().build(paper);
    for (const auto& [term, wdf] : terms_of(doc)) {
        EXPECT_NE(term[0], 'V') << term;
        EXPECT_NE(term[0], 'Y') << term;
        EXPECT_NE(term.substr(0, 2), "XC") << term;
    }
    EXPECT_EQ(doc.values_count(), 3u);  // the id and the two listing keys
    EXPECT_EQ(doc.get_value(schema::field(FieldId::Id).slot), "doc1");
    EXPECT_EQ(doc.get_value(schema::kNewestFirstSlot), "1doc1");
    EXPECT_EQ(doc.get_value(schema::kOldestFirstSlot), "0doc1");
}

TEST(DocumentBuilder, DataRoundTripsIncludingExtraFields) {
    Paper paper = full_paper();
    paper.references = {"r1"};
    paper.citations = {"c1", "c2"};
    const Xapian::Document doc = DocumentBuilder().build(paper);
    EXPECT_EQ(doc.get_data(), to_json(paper).dump());
    const Paper back = paper_from_document(doc);
    EXPECT_EQ(back, paper);
    EXPECT_EQ(back.year, 2018);
    EXPECT_EQ(back.keywords, paper.keywords);
    EXPECT_EQ(back.references, paper.references);
    EXPECT_EQ(back.citations, paper.citations);
    EXPECT_EQ(back.extra.dump(), R"({"note":"kept","pages":[1,12]})");
}

TEST(DocumentBuilder, IndexesTitleWordsPrefixedAndUnprefixedWithTheTitleWeight) {
    const auto terms = terms_of(DocumentBuilder().build(full_paper()));
    ASSERT_EQ(terms.count("Sserving"), 1u);
    EXPECT_EQ(terms.at("Sserving"), 1u);
    EXPECT_EQ(terms.count("ZSserv"), 1u);  // stemmed form for "title:serve"
    ASSERT_EQ(terms.count("serving"), 1u);
    EXPECT_EQ(terms.at("serving"), schema::field(FieldId::Title).weight);
    // An abstract word: its own prefix, weight 1 unprefixed.
    EXPECT_EQ(terms.count("XBparameter"), 1u);
    EXPECT_EQ(terms.at("parameter"), schema::field(FieldId::Abstract).weight);
    // Authors and keywords.
    EXPECT_EQ(terms.count("Astoica"), 1u);
    EXPECT_EQ(terms.at("stoica"), schema::field(FieldId::Author).weight);
    EXPECT_EQ(terms.count("Krdma"), 1u);
    // Title words are not under another field's prefix.
    EXPECT_EQ(terms.count("XBserving"), 0u);
    EXPECT_EQ(terms.count("Aserving"), 0u);
}

TEST(DocumentBuilder, WordsOfOnePieceAreAdjacentButPiecesAreApart) {
    const Xapian::Document doc = DocumentBuilder().build(full_paper());
    const auto ion = positions_of(doc, "Aion");
    const auto stoica = positions_of(doc, "Astoica");
    const auto matei = positions_of(doc, "Amatei");
    ASSERT_EQ(ion.size(), 1u);
    ASSERT_EQ(stoica.size(), 1u);
    ASSERT_EQ(matei.size(), 1u);
    EXPECT_EQ(stoica[0], ion[0] + 1);    // "Ion Stoica" is a phrase
    EXPECT_GT(matei[0], stoica[0] + 1);  // "Stoica Matei" is not
}

TEST(DocumentBuilder, ABuilderStartsEachDocumentAfresh) {
    DocumentBuilder builder;
    builder.build(full_paper());
    Paper other;
    other.id = "other";
    other.title = "Storage engines";
    const auto terms = terms_of(builder.build(other));
    EXPECT_EQ(terms.count("serving"), 0u);
    EXPECT_EQ(terms.count("Sstorage"), 1u);
    EXPECT_EQ(terms.count("Qneurips18-Serve"), 0u);
}

TEST(DocumentBuilder, SpellingWordsCountEveryFreeTextWord) {
    Paper paper;
    paper.id = "p";
    paper.title = "Serving models, serving fast";
    paper.abstract = "Models everywhere";
    paper.authors = {"Ion Stoica"};
    paper.keywords = {"rdma"};
    paper.venue = "NeurIPS";               // not free text: not in the dictionary
    paper.categories = {"Deep learning"};  // ditto
    const std::map<std::string, Xapian::termcount> expected{
        {"everywhere", 1}, {"fast", 1}, {"ion", 1}, {"models", 2}, {"rdma", 1}, {"serving", 2}, {"stoica", 1}};
    EXPECT_EQ(spelling_words(DocumentBuilder().build(paper)), expected);
}

// What a plain TermGenerator makes of every free-text piece (no stemmer, stopwords left out):
// the dictionary spelling_words reads off the document's prefixed terms must be exactly this.
std::map<std::string, Xapian::termcount> words_of_a_second_pass(const Paper& paper) {
    Xapian::Document scratch;
    Xapian::TermGenerator plain;
    plain.set_document(scratch);
    for (const schema::Field& field : schema::kFields) {
        for (const std::string& piece : free_text_of(paper, field.id)) plain.index_text(analysis::fold(piece));
    }
    std::map<std::string, Xapian::termcount> words;
    for (auto term = scratch.termlist_begin(); term != scratch.termlist_end(); ++term) {
        if (!analysis::stopper()(*term)) words[*term] = term.get_wdf();
    }
    return words;
}

TEST(DocumentBuilder, SpellingWordsAreThoseOfASecondPassOverTheText) {
    Paper edges;
    edges.id = "edges";
    // Words at Xapian's 64-byte limit and past it, with and without a field prefix; digits;
    // a word starting with "z", the stem prefix; upper case; a word in three fields.
    edges.title = std::string(64, 'a') + " " + std::string(65, 'b') + " Zero 2019 shared";
    edges.abstract = std::string(63, 'c') + " " + std::string(62, 'd') + " zeta shared the of";
    edges.authors = {"Shared Zed"};
    edges.keywords = {"x86", "shared"};
    std::vector<Paper> papers{edges, full_paper()};
    std::ifstream bundled(testing::bundled_papers());
    for (std::string line; std::getline(bundled, line);) papers.push_back(paper_from_json(Json::parse(line)));
    ASSERT_GT(papers.size(), 30u);
    DocumentBuilder builder;
    for (const Paper& paper : papers)
        EXPECT_EQ(spelling_words(builder.build(paper)), words_of_a_second_pass(paper)) << paper.id;
    EXPECT_EQ(spelling_words(builder.build(edges)).at("shared"), 4u);
}

// Terms and dictionary words are folded (analysis::fold), as queries fold theirs; the record
// keeps the spelling as written.
TEST(DocumentBuilder, TermsAndSpellingWordsAreFoldedButTheRecordIsNot) {
    Paper paper;
    paper.id = "nsdi17-Tux2";
    paper.title = "Tux\u00B2: \uFB01ne graphs";
    paper.authors = {"Mart\u00EDn Abadi"};
    paper.venue = "\u00C9cole";
    paper.categories = {"D\u00E9ep learning\u2215Training"};
    const Xapian::Document doc = DocumentBuilder().build(paper);
    const auto terms = terms_of(doc);
    for (const char* term : {"tux2", "Stux2", "fine", "Sfine", "martin", "Amartin", "Vecole",
                             "XCdeep learning/training", "XCtraining", "Qnsdi17-Tux2"}) {
        EXPECT_EQ(terms.count(term), 1u) << term;
    }
    EXPECT_EQ(terms.count("Amart\u00EDn"), 0u);
    EXPECT_EQ(paper_from_document(doc).authors, std::vector<std::string>{"Mart\u00EDn Abadi"});
    EXPECT_EQ(paper_from_document(doc).title, "Tux\u00B2: \uFB01ne graphs");
    const std::map<std::string, Xapian::termcount> words{
        {"abadi", 1}, {"fine", 1}, {"graphs", 1}, {"martin", 1}, {"tux2", 1}};
    EXPECT_EQ(spelling_words(doc), words);
}

TEST(FreeTextOf, PiecesOfEachField) {
    const Paper paper = full_paper();
    using Pieces = std::vector<std::string>;
    EXPECT_EQ(free_text_of(paper, FieldId::Title), Pieces{"Serving Models"});
    EXPECT_EQ(free_text_of(paper, FieldId::Author), (Pieces{"Ion Stoica", "Matei Zaharia"}));
    EXPECT_EQ(free_text_of(paper, FieldId::Abstract), Pieces{"A parameter server for training."});
    EXPECT_EQ(free_text_of(paper, FieldId::Keywords), (Pieces{"rdma", "gpu clusters"}));
    for (const FieldId boolean : {FieldId::Venue, FieldId::Year, FieldId::Category, FieldId::Id}) {
        EXPECT_TRUE(free_text_of(paper, boolean).empty());
    }
}

// A record with every field of the table set, as validation leaves it (venue canonical, category
// a clean path), and unknown keys after the known ones.
Json record_with_every_field() {
    return Json::parse(R"({"id": "osdi18-Ray", "title": "Ray: A Distributed Framework",
        "authors": ["Philipp Moritz", "Ion Stoica"], "venue": "OSDI", "year": 2018,
        "category": ["Deep learning/Reinforcement learning", "Systems/Frameworks"],
        "abstract": "A framework for AI applications.",
        "url": "https://example.org/ray", "doi": "10.5555/3291168", "keywords": ["actors", "tasks"],
        "references": ["osdi16-TensorFlow"], "citations": ["nsdi19-Clipper", "sosp19-PipeDream"],
        "aliases": ["moritz2018ray"], "sources": ["/lists/mlsys.md:15", "/lists/refs.bib:195"],
        "note": "kept", "pages": [1, 12]})");
}

// An index written before categories became a list (schema version 2) stores one path as a string.
TEST(PaperFromJson, ReadsAStoredCategoryStringAsOnePath) {
    const Paper paper =
        paper_from_json(Json::parse(R"({"id": "a", "title": "T", "category": "Deep learning/Training"})"));
    EXPECT_EQ(paper.categories, std::vector<std::string>{"Deep learning/Training"});
    EXPECT_EQ(to_json(paper).dump(), R"({"id":"a","title":"T","category":["Deep learning/Training"]})");
}

TEST(FieldTable, EveryFieldRoundTripsFromRecordThroughTheDocument) {
    const Json record = record_with_every_field();
    std::vector<Problem> problems;
    const std::optional<Paper> read =
        indexer::paper_from_record(record, SourceLocation{"papers.jsonl", 1}, VenueAliases::bundled(), {}, problems);
    ASSERT_TRUE(read) << problems.front().describe();
    for (const schema::Field& field : schema::kFields) {
        EXPECT_TRUE(has_value(*read, field)) << field.key << " is not set: the record above lacks it";
    }
    const Xapian::Document doc = DocumentBuilder().build(*read);
    const Paper stored = paper_from_document(doc);
    EXPECT_EQ(stored, *read);
    EXPECT_EQ(to_json(stored), record);
    EXPECT_EQ(to_json(stored).dump(), record.dump());  // the same keys in the same order
}

TEST(FieldTable, EveryQueryFieldOfAFullRecordHasTermsUnderItsPrefix) {
    std::vector<Problem> problems;
    const std::optional<Paper> paper = indexer::paper_from_record(
        record_with_every_field(), SourceLocation{"papers.jsonl", 1}, VenueAliases::bundled(), {}, problems);
    ASSERT_TRUE(paper);
    const auto terms = terms_of(DocumentBuilder().build(*paper));
    for (const schema::Field& field : schema::kFields) {
        if (!schema::is_query_field(field)) continue;
        const auto first = terms.lower_bound(std::string(field.prefix));
        ASSERT_NE(first, terms.end()) << field.key;
        EXPECT_EQ(first->first.rfind(field.prefix, 0), 0u) << field.key << ": no term under " << field.prefix;
    }
}

// Stored-only fields have no terms of their own; a DOI in one still files the paper under its
// identity key (schema/identity.h), which the indexer looks papers up by.
TEST(FieldTable, StoredOnlyFieldsMakeNoTermsButTheirIdentityKeys) {
    Paper bare;
    bare.id = "p1";
    Paper with_links = bare;
    with_links.url = "https://example.org/p1";
    with_links.doi = "10.1000/P1";
    with_links.sources = {"/lists/a.md:3"};
    auto expected = terms_of(DocumentBuilder().build(bare));
    expected.emplace("XKdoi:10.1000/p1", 0);
    EXPECT_EQ(terms_of(DocumentBuilder().build(with_links)), expected);
    EXPECT_EQ(paper_from_document(DocumentBuilder().build(with_links)).doi, "10.1000/P1");
}

}  // namespace
}  // namespace mlsys
