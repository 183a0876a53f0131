// --format bibtex: entries written by BibtexWriter, parsed back with the project's BibTeX parser
// and reader (the ones mlsys-index uses), must give the papers that were written.
#include "mlsys/query/result_writer.h"
#include "output/writers.h"
#include "readers/bibtex_parser.h"
#include "readers/bibtex_reader.h"
#include "readers/format_readers.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace mlsys::query {
namespace {

Paper paper(const std::string& id, const std::string& title, const std::string& venue, std::optional<int> year) {
    Paper p;
    p.id = id;
    p.title = title;
    p.venue = venue;
    p.year = year;
    return p;
}

std::vector<Paper> sample_papers() {
    Paper gandiva =
        paper("osdi18-gandiva", "Gandiva: Introspective Cluster Scheduling for Deep Learning", "OSDI", 2018);
    gandiva.authors = {"Wencong Xiao", "Romil Bhardwaj", "Ramachandran Ramjee"};
    gandiva.url = "https://www.usenix.org/conference/osdi18/presentation/xiao";
    gandiva.doi = "10.5555/3291168.3291212";
    // LaTeX's special characters in a title, and a name with a non-ASCII letter.
    Paper special = paper("vldb20-special", "Cost & Speed: 100% of $x_i$ #1 Trade-offs", "VLDB", 2020);
    special.authors = {"Jürgen Müller", "Ana García"};
    Paper preprint = paper("arxiv-preprint", "Tux²: A Preprint", "arXiv", 2019);
    Paper bare = paper("beir-7", "A document without venue or year", "", std::nullopt);
    Paper journal = paper("tpds19-pipe", "A Journal Paper", "TPDS", 2019);
    journal.authors = {"Ana García"};
    Paper arxiv = paper("arxiv18-ps", "An arXiv Paper", "arXiv", 2018);
    arxiv.url = "https://arxiv.org/abs/1802.04799v2";
    Paper unknown = paper("x20-talk", "A Talk", "University of Montreal", 2020);
    return {gandiva, special, preprint, bare, journal, arxiv, unknown};
}

SearchResponse response_of(const std::vector<Paper>& papers) {
    SearchResponse response;
    Xapian::doccount rank = 0;
    for (const Paper& p : papers) {
        Hit hit;
        hit.rank = ++rank;
        hit.paper = p;
        response.hits.push_back(hit);
    }
    return response;
}

std::string written(const std::vector<SearchResponse>& responses) {
    std::ostringstream out;
    const auto writer = make_writer(OutputFormat::Bibtex, out, WriterOptions{});
    for (const SearchResponse& response : responses) writer->write(response, "");
    return out.str();
}

TEST(BibtexOutput, ParsesBackToThePapersWritten) {
    const std::vector<Paper> papers = sample_papers();
    const std::string bibtex = written({response_of(papers)});
    std::istringstream in(bibtex);
    const indexer::ReadResult read = indexer::BibtexReader(VenueAliases::bundled()).read(in, "out.bib");
    ASSERT_TRUE(read.problems.empty()) << read.problems.front().describe() << "\n" << bibtex;
    ASSERT_EQ(read.records.size(), papers.size()) << bibtex;
    for (std::size_t i = 0; i < papers.size(); ++i) {
        const Paper& back = read.records[i].paper;
        const Paper& original = papers[i];
        EXPECT_EQ(back.id, original.id);
        EXPECT_EQ(back.title, original.title);
        EXPECT_EQ(back.authors, original.authors);
        EXPECT_EQ(back.venue, original.venue);
        EXPECT_EQ(back.year, original.year);
        EXPECT_EQ(back.doi, original.doi);
        EXPECT_EQ(back.url, original.url);
    }
}

TEST(BibtexOutput, ConferencesAreBooktitlesJournalsAndPreprintsJournals) {
    const std::string bibtex = written({response_of(sample_papers())});
    const indexer::BibtexFile parsed = indexer::parse_bibtex(bibtex, "out.bib");
    ASSERT_TRUE(parsed.problems.empty());
    ASSERT_EQ(parsed.entries.size(), 7u);
    const auto value = [](const indexer::BibtexEntry& entry, const char* field) {
        const indexer::BibtexField* found = entry.field(field);
        return found ? found->value : std::string("<none>");
    };
    EXPECT_EQ(parsed.entries[0].type, "inproceedings");
    EXPECT_EQ(parsed.entries[0].key, "osdi18-gandiva");
    EXPECT_EQ(value(parsed.entries[0], "booktitle"),
              "USENIX Symposium on Operating Systems Design and Implementation (OSDI)");
    EXPECT_EQ(value(parsed.entries[0], "author"), "Wencong Xiao and Romil Bhardwaj and Ramachandran Ramjee");
    EXPECT_EQ(value(parsed.entries[0], "title"), "{Gandiva: Introspective Cluster Scheduling for Deep Learning}");
    EXPECT_EQ(parsed.entries[1].type, "article");
    EXPECT_EQ(value(parsed.entries[1], "journal"), "Proceedings of the VLDB Endowment");
    EXPECT_EQ(value(parsed.entries[1], "title"), "{Cost \\& Speed: 100\\% of \\$x\\_i\\$ \\#1 Trade-offs}");
    EXPECT_EQ(parsed.entries[2].type, "article");
    EXPECT_EQ(value(parsed.entries[2], "journal"), "arXiv preprint");  // no arXiv id known
    EXPECT_EQ(value(parsed.entries[2], "eprint"), "<none>");
    EXPECT_EQ(parsed.entries[3].type, "misc");
    EXPECT_EQ(value(parsed.entries[3], "booktitle"), "<none>");
    EXPECT_EQ(value(parsed.entries[3], "year"), "<none>");
    EXPECT_EQ(parsed.entries[4].type, "article");
    EXPECT_EQ(value(parsed.entries[4], "journal"), "IEEE Transactions on Parallel and Distributed Systems");
    EXPECT_EQ(value(parsed.entries[4], "author"), "Ana García");
    // Google Scholar's form, which every style shows, and the eprint fields biblatex reads.
    EXPECT_EQ(parsed.entries[5].type, "article");
    EXPECT_EQ(value(parsed.entries[5], "journal"), "arXiv preprint arXiv:1802.04799");
    EXPECT_EQ(value(parsed.entries[5], "eprint"), "1802.04799");
    EXPECT_EQ(value(parsed.entries[5], "archiveprefix"), "arXiv");
    // A venue data/venues.tsv does not know is cited by its name, as a conference.
    EXPECT_EQ(parsed.entries[6].type, "inproceedings");
    EXPECT_EQ(value(parsed.entries[6], "booktitle"), "University of Montreal");
}

// --show writes the same entry as a search result, once per writer.
TEST(BibtexOutput, APaperShownAloneIsTheSameEntry) {
    const Paper gandiva = sample_papers()[0];
    std::ostringstream out;
    const auto writer = make_writer(OutputFormat::Bibtex, out, WriterOptions{});
    writer->write_paper(gandiva);
    writer->write_paper(gandiva);
    EXPECT_EQ(out.str(), written({response_of({gandiva})}));
}

TEST(BibtexOutput, APaperIsWrittenOnceAcrossABatch) {
    const std::vector<Paper> papers = sample_papers();
    const std::string bibtex = written({response_of({papers[0], papers[1]}), response_of({papers[1], papers[2]})});
    const indexer::BibtexFile parsed = indexer::parse_bibtex(bibtex, "out.bib");
    std::vector<std::string> keys;
    for (const indexer::BibtexEntry& entry : parsed.entries) keys.push_back(entry.key);
    EXPECT_EQ(keys, (std::vector<std::string>{"osdi18-gandiva", "vldb20-special", "arxiv-preprint"}));
}

TEST(BibtexOutput, KeysAndNamesStayWhole) {
    Paper odd = paper("odd id,{1}", "Braces {and} tildes ~ here", "OSDI", 2018);
    odd.authors = {"Steele, Guy L.", "Research and Development Team", "Ana García"};
    const std::string bibtex = written({response_of({odd})});
    const indexer::BibtexFile parsed = indexer::parse_bibtex(bibtex, "out.bib");
    ASSERT_TRUE(parsed.problems.empty()) << bibtex;
    ASSERT_EQ(parsed.entries.size(), 1u);
    EXPECT_EQ(parsed.entries[0].key, "odd-id--1-");
    // A name that holds a comma or " and " is braced, so BibTeX reads it as one name.
    EXPECT_EQ(parsed.entries[0].field("author")->value,
              "{Steele, Guy L.} and {Research and Development Team} and Ana García");
    EXPECT_EQ(indexer::bibtex_names(parsed.entries[0].field("author")->value).size(), 3u);
    // Braces in the title become commands, so the entry's braces still balance.
    EXPECT_EQ(parsed.entries[0].field("title")->value,
              "{Braces \\textbraceleft{}and\\textbraceright{} tildes \\textasciitilde{} here}");
}

}  // namespace
}  // namespace mlsys::query
