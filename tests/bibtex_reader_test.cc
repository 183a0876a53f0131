// BibTeX: the parser (syntax, macros, recovery from malformed entries), LaTeX decoding, author
// names, the reader's field mapping, and the real, messy openmlsys bibliography.
#include "readers/bibtex_reader.h"
#include "readers/bibtex_parser.h"
#include "readers/format_readers.h"
#include "readers/latex_text.h"

#include "test_support.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

namespace mlsys::indexer {
namespace {

using Strings = std::vector<std::string>;

using mlsys::testing::messages;

BibtexFile parse(const std::string& text) {
    return parse_bibtex(text, "refs.bib");
}

std::string value_of(const BibtexEntry& entry, const std::string& field) {
    const BibtexField* f = entry.field(field);
    return f ? f->value : "<none>";
}

// --- parser -----------------------------------------------------------------------------------

TEST(BibtexParser, ReadsEntriesFieldsAndLines) {
    const BibtexFile file = parse(
        "Comment text before the first entry.\n"
        "@InProceedings{ray18,\n"
        "  Title = {Ray: {A} Framework},\n"
        "  author = \"Moritz, Philipp and {Barnes and Noble}\",\n"
        "  year = 2018,\n"
        "}\n"
        "@article(k2, title = \"A {\"}quoted{\"} title\")\n");
    EXPECT_TRUE(file.problems.empty());
    ASSERT_EQ(file.entries.size(), 2u);
    const BibtexEntry& ray = file.entries[0];
    EXPECT_EQ(ray.type, "inproceedings");
    EXPECT_EQ(ray.key, "ray18");
    EXPECT_EQ(ray.line, 2u);
    ASSERT_EQ(ray.fields.size(), 3u);
    EXPECT_EQ(ray.fields[0].name, "title");
    EXPECT_EQ(ray.fields[0].value, "Ray: {A} Framework");
    EXPECT_EQ(ray.fields[0].line, 3u);
    EXPECT_EQ(value_of(ray, "author"), "Moritz, Philipp and {Barnes and Noble}");
    EXPECT_EQ(value_of(ray, "year"), "2018");
    EXPECT_EQ(file.entries[1].key, "k2");
    EXPECT_EQ(value_of(file.entries[1], "title"), "A {\"}quoted{\"} title");
}

TEST(BibtexParser, ExpandsMacrosAndConcatenation) {
    const BibtexFile file = parse(
        "@string{osdi = \"Symposium on \" # \"OSDI\"}\n"
        "@STRING(ver = {18})\n"
        "@preamble{\"\\newcommand{\\x}{y}\"}\n"
        "@comment{anything {nested} here}\n"
        "@misc{k, booktitle = osdi # \" '\" # ver, month = jan, note = OSDI}\n");
    EXPECT_TRUE(file.problems.empty()) << messages(file.problems)[0];
    ASSERT_EQ(file.entries.size(), 1u);
    EXPECT_EQ(value_of(file.entries[0], "booktitle"), "Symposium on OSDI '18");
    EXPECT_EQ(value_of(file.entries[0], "month"), "January");
    EXPECT_EQ(value_of(file.entries[0], "note"), "Symposium on OSDI");  // macro names fold case
}

TEST(BibtexParser, AcceptsEntriesWithoutFieldsAndTrailingCommas) {
    const BibtexFile file = parse("@misc{bare}\n@misc{trailing, title={T},}\n  @misc{indented,title={U}}");
    EXPECT_TRUE(file.problems.empty());
    ASSERT_EQ(file.entries.size(), 3u);
    EXPECT_TRUE(file.entries[0].fields.empty());
    EXPECT_EQ(value_of(file.entries[2], "title"), "U");
}

TEST(BibtexParser, ReportsAMissingCommaAfterTheKeyAndGoesOn) {
    // As in openmlsys' mlsys.bib: the key runs straight into the first field.
    const BibtexFile file = parse(
        "@misc{rmpygil\n"
        "    author = \"Sam Gross\",\n"
        "    title = \"Multithreaded Python\"\n"
        "}\n"
        "\n"
        "@misc{next, title = {Next}}\n");
    EXPECT_EQ(messages(file.problems),
              Strings{"refs.bib:1: @misc{rmpygil: expected ',' after the key, got \"author\""});
    ASSERT_EQ(file.entries.size(), 1u);
    EXPECT_EQ(file.entries[0].key, "next");
}

TEST(BibtexParser, ReportsOtherSyntaxErrorsAtTheirLine) {
    const BibtexFile file = parse(
        "@article{a, title = {A} author = {B}}\n"  // 1: missing comma between fields
        "@article{b, title {B}}\n"                 // 2: missing '='
        "@article{c, title = undefinedmacro}\n"    // 3
        "@article{d, title = {D}, title = {E}}\n"  // 4
        "@article{e, = {x}}\n"                     // 5
        "@article{f, title = {F}}\n"               // 6: fine
        "@article oops\n"                          // 7
        "@article{g, title = {G}\n"                // 8
        "\n"
        "  author = {H}}\n");  // 10
    EXPECT_EQ(messages(file.problems),
              (Strings{"refs.bib:1: @article{a: expected ',' or '}' after the value of 'title', got \"author\"",
                       "refs.bib:2: expected '=' after the field name 'title' (@article{b), got \"{\"",
                       "refs.bib:3: @article{c: field 'title': undefined macro 'undefinedmacro'",
                       "refs.bib:4: @article{d: field 'title' given twice",
                       "refs.bib:5: @article{e: expected a field name or '}', got \"=\"",
                       "refs.bib:7: expected '{' after @article, got \"oops\"",
                       // reported where the comma is missing, not where the next field is
                       "refs.bib:8: @article{g: expected ',' or '}' after the value of 'title', got \"author\""}));
    ASSERT_EQ(file.entries.size(), 1u);
    EXPECT_EQ(file.entries[0].key, "f");
}

TEST(BibtexParser, CatchesUnbalancedBracesAtTheNextEntry) {
    const BibtexFile file = parse(
        "@article{open,\n"
        "  title = {Never {closed,\n"
        "  year = {2020}\n"
        "}\n"
        "@article{after, title = {After}}\n"
        "@article{eof, title = {Runs to the end\n");
    EXPECT_EQ(
        messages(file.problems),
        (Strings{
            "refs.bib:2: @article{open: field 'title': the value runs into the entry on line 5 (unbalanced braces?)",
            "refs.bib:6: @article{eof: field 'title': the file ends inside this value (unbalanced braces or "
            "quotes?)"}));
    ASSERT_EQ(file.entries.size(), 1u);
    EXPECT_EQ(file.entries[0].key, "after");
}

TEST(BibtexParser, IgnoresAtSignsThatStartNoEntry) {
    const BibtexFile file = parse("Mail me at someone@example.org.\n@misc{k, note = {a@b.c}}\n");
    EXPECT_TRUE(file.problems.empty());
    ASSERT_EQ(file.entries.size(), 1u);
    EXPECT_EQ(value_of(file.entries[0], "note"), "a@b.c");
}

// --- LaTeX ------------------------------------------------------------------------------------

TEST(BibtexLatex, DecodesAccentsInEveryNotation) {
    EXPECT_EQ(decode_latex("P{\\'e}rolat"), "Pérolat");
    EXPECT_EQ(decode_latex("J{\\\"{u}}rgen"), "Jürgen");
    EXPECT_EQ(decode_latex("Sch\\\"olkopf"), "Schölkopf");
    EXPECT_EQ(decode_latex("Mart{\\'\\i}n"), "Martín");
    EXPECT_EQ(decode_latex("Qui\\~{n}onero"), "Quiñonero");
    EXPECT_EQ(decode_latex("Jean-Fran\\c{c}ois"), "Jean-François");
    EXPECT_EQ(decode_latex("D{\\k{e}}biak"), "Dębiak");
    EXPECT_EQ(decode_latex("Koub{\\^a}a"), "Koubâa");
    EXPECT_EQ(decode_latex("\\v{C}ech \\u{a} \\H{o} \\r{a} \\={a} \\.{z}"), "Čech ă ő å ā ż");
    // A letter without a precomposed form keeps a combining mark.
    EXPECT_EQ(decode_latex("\\\"{q}"), "q\xCC\x88");
}

TEST(BibtexLatex, DecodesSpecialLettersAndEscapes) {
    EXPECT_EQ(decode_latex("Preu\\ss er"), "Preußer");  // a control word eats the space after it
    EXPECT_EQ(decode_latex("{\\L}ukasz Przemys{\\l}aw {\\O}ystein {\\aa}"), "Łukasz Przemysław Øystein å");
    EXPECT_EQ(decode_latex("Information \\& Knowledge, 50\\% \\$5 \\#1 a\\_b \\{x\\}"),
              "Information & Knowledge, 50% $5 #1 a_b {x}");
}

TEST(BibtexLatex, DropsBracesAndUnwrapsCommandsAndMath) {
    EXPECT_EQ(decode_latex("{{Deep Residual Learning for Image Recognition}}"),
              "Deep Residual Learning for Image Recognition");
    EXPECT_EQ(decode_latex("Ray: emerging $\\{$AI$\\}$ applications"), "Ray: emerging AI applications");
    EXPECT_EQ(decode_latex("\\emph{Fast} and \\textbf{{B}ig} \\unknown{arg} \\LaTeX{} $k$-means"),
              "Fast and Big arg LaTeX k-means");
    EXPECT_EQ(decode_latex("see \\url{https://x.org/a_b~c--d} and \\href{https://h}{here}"),
              "see https://x.org/a_b~c--d and here");
    EXPECT_EQ(decode_latex("pages 1--10, a---b, ``quoted'', non~breaking, line\\\\break"),
              "pages 1–10, a—b, “quoted”, non breaking, line break");
    EXPECT_EQ(decode_latex("  spread \n\t over   lines "), "spread over lines");
}

TEST(BibtexLatex, DecodesHtmlEntities) {
    EXPECT_EQ(decode_html_entities("Knowledge Discovery &amp; Data Mining"), "Knowledge Discovery & Data Mining");
    EXPECT_EQ(decode_html_entities("A.&nbsp;Parrilo &lt;b&gt; &#233; &#x4E2D; &quot;q&quot;"),
              "A. Parrilo <b> é 中 \"q\"");
    EXPECT_EQ(decode_html_entities("R&D &unknown; &#xZZ; & alone"), "R&D &unknown; &#xZZ; & alone");
}

// --- names ------------------------------------------------------------------------------------

TEST(BibtexNames, SplitsOnAndAndPutsFirstNamesFirst) {
    EXPECT_EQ(bibtex_names("Moritz, Philipp and Nishihara, Robert and Jordan, Michael I and others"),
              (Strings{"Philipp Moritz", "Robert Nishihara", "Michael I Jordan"}));
    EXPECT_EQ(bibtex_names("Dan Horgan and John Quan AND  Hado van Hasselt"),
              (Strings{"Dan Horgan", "John Quan", "Hado van Hasselt"}));
    EXPECT_EQ(bibtex_names("King, Jr, Martin Luther and {Barnes and Noble} and Li , Yong"),
              (Strings{"Martin Luther King Jr", "Barnes and Noble", "Yong Li"}));
    EXPECT_EQ(bibtex_names("Kaiser, {\\L}ukasz and Schmidhuber, J{\\\"{u}}rgen"),
              (Strings{"Łukasz Kaiser", "Jürgen Schmidhuber"}));
    EXPECT_EQ(bibtex_names("Alexander\nand\tBrandon"), (Strings{"Alexander", "Brandon"}));
    EXPECT_EQ(bibtex_names("Anderson, Sandy"), Strings{"Sandy Anderson"});  // "and" inside a word is no separator
    EXPECT_EQ(bibtex_names(""), Strings{});
}

// --- the reader -------------------------------------------------------------------------------

ReadResult read_bibtex(const std::string& text) {
    std::istringstream in(text);
    return BibtexReader(VenueAliases::bundled()).read(in, "refs.bib");
}

TEST(BibtexReader, MapsFieldsToThePaperRecord) {
    const ReadResult result = read_bibtex(
        "@inproceedings{moritz2018ray,\n"
        "  title={Ray: A distributed framework for emerging $\\{$AI$\\}$ applications},\n"
        "  author={Moritz, Philipp and Nishihara, Robert},\n"
        "  booktitle={13th $\\{$USENIX$\\}$ Symposium on Operating Systems Design and Implementation ($\\{$OSDI$\\}$ "
        "18)},\n"
        "  pages={561--577},\n"
        "  year={2018},\n"
        "  abstract={We {present} Ray.},\n"
        "  doi={10.5555/{3291168}},\n"
        "  url={https://www.usenix.org/conference/osdi18/presentation/moritz},\n"
        "  keywords={distributed systems; reinforcement learning, AI},\n"
        "  volume={}\n"
        "}\n");
    EXPECT_TRUE(result.problems.empty());
    ASSERT_EQ(result.records.size(), 1u);
    EXPECT_EQ(result.records[0].where.line, 1u);
    EXPECT_EQ(
        to_json(result.records[0].paper).dump(),
        R"({"id":"moritz2018ray","title":"Ray: A distributed framework for emerging AI applications",)"
        R"("authors":["Philipp Moritz","Robert Nishihara"],"venue":"OSDI","year":2018,"abstract":"We present Ray.",)"
        R"("url":"https://www.usenix.org/conference/osdi18/presentation/moritz","doi":"10.5555/3291168",)"
        R"("keywords":["distributed systems","reinforcement learning","AI"],"entry_type":"inproceedings",)"
        R"j("booktitle":"13th USENIX Symposium on Operating Systems Design and Implementation (OSDI 18)",)j"
        R"("pages":"561–577"})");
}

TEST(BibtexReader, VenueFromJournalOrArxivEprintAndNoneInvented) {
    const ReadResult result = read_bibtex(
        "@article{a, title={A}, journal={Proceedings of the VLDB Endowment}, year={2021}}\n"
        "@misc{b, title={B}, eprint={1803.00933}, archivePrefix={arXiv}}\n"
        "@book{c, title={C}, publisher={MIT Press}}\n"
        "@misc{d, title={D}, howpublished={\\url{https://d.org}}}\n");
    EXPECT_TRUE(result.problems.empty());
    ASSERT_EQ(result.records.size(), 4u);
    EXPECT_EQ(result.records[0].paper.venue, "VLDB");
    EXPECT_EQ(result.records[1].paper.venue, "arXiv");
    EXPECT_EQ(result.records[1].paper.year, std::nullopt);
    EXPECT_EQ(result.records[2].paper.venue, "");
    EXPECT_EQ(result.records[2].paper.year, std::nullopt);
    EXPECT_EQ(result.records[3].paper.url, "https://d.org");
}

TEST(BibtexReader, ReportsBadEntriesByLineInFileOrder) {
    const ReadResult result = read_bibtex(
        "@misc{noyear, title={T}, year={2021--2021}}\n"
        "@misc{broken title={T}}\n"
        "@misc{notitle, year={2020}}\n"
        "@misc{badbytes, title={\xff}}\n"
        "@misc{good, title={Good}}\n");
    EXPECT_EQ(messages(result.problems),
              (Strings{"refs.bib:1: year: @misc{noyear: expected a four-digit year, got \"2021--2021\"",
                       "refs.bib:2: @misc{broken: expected ',' after the key, got \"title\"",
                       "refs.bib:3: title: missing (required)",
                       "refs.bib:4: title: @misc{badbytes: invalid UTF-8 at byte 1 of the value"}));
    ASSERT_EQ(result.records.size(), 1u);
    EXPECT_EQ(result.records[0].paper.id, "good");
}

// ../shared/corpora/openmlsys-mlsys.bib: 141 entries (`grep -c '^@' <file>` = 141); three have
// no comma after the key (@misc{rmpygil, @misc{nvidia_dali, @misc{minddata at lines 232, 240,
// 248) and one has the year "2021--2021" (ML4KP, its year on line 810): 137 read, 4 skipped.
// Checked with an independent Python scanner of the entry structure, which also gives the
// entry types (article 62, inproceedings 62, misc 8, book 3, techreport 1, incollection 1 among
// the 137), 14 non-empty abstracts, 9 entries with no booktitle, journal or arXiv eprint, and
// 36 arXiv ones.
TEST(BibtexReaderCorpus, OpenmlsysBibliography) {
    const std::string path = mlsys::testing::source_dir() + "/../shared/corpora/openmlsys-mlsys.bib";
    std::ifstream in(path, std::ios::binary);
    const ReadResult result = BibtexReader(VenueAliases::bundled()).read(in, path);
    EXPECT_EQ(result.records.size(), 137u);
    EXPECT_EQ(messages(result.problems),
              (Strings{path + ":232: @misc{rmpygil: expected ',' after the key, got \"author\"",
                       path + ":240: @misc{nvidia_dali: expected ',' after the key, got \"author\"",
                       path + ":248: @misc{minddata: expected ',' after the key, got \"author\"",
                       path + ":810: year: @misc{ML4KP: expected a four-digit year, got \"2021--2021\""}));

    std::map<std::string, int> types;
    int abstracts = 0, without_venue = 0, arxiv = 0;
    std::map<std::string, const Paper*> by_id;
    for (const ReadRecord& r : result.records) {
        ++types[r.paper.extra["entry_type"].get<std::string>()];
        abstracts += !r.paper.abstract.empty();
        without_venue += r.paper.venue.empty();
        arxiv += r.paper.venue == "arXiv";
        by_id[r.paper.id] = &r.paper;
    }
    EXPECT_EQ(
        types,
        (std::map<std::string, int>{
            {"article", 62}, {"book", 3}, {"inproceedings", 62}, {"incollection", 1}, {"misc", 8}, {"techreport", 1}}));
    EXPECT_EQ(abstracts, 14);
    EXPECT_EQ(without_venue, 9);
    EXPECT_EQ(arxiv, 36);

    const auto json = [&](const std::string& id) { return by_id.count(id) ? to_json(*by_id[id]).dump() : "no " + id; };
    EXPECT_EQ(json("moritz2018ray"),
              R"({"id":"moritz2018ray","title":"Ray: A distributed framework for emerging AI applications",)"
              R"("authors":["Philipp Moritz","Robert Nishihara","Stephanie Wang","Alexey Tumanov","Richard Liaw",)"
              R"("Eric Liang","Melih Elibol","Zongheng Yang","William Paul","Michael I Jordan"],"venue":"OSDI",)"
              R"("year":2018,"entry_type":"inproceedings",)"
              R"j("booktitle":"13th USENIX Symposium on Operating Systems Design and Implementation (OSDI 18)",)j"
              R"("pages":"561–577"})");
    EXPECT_EQ(json("horgan2018distributed"),
              R"({"id":"horgan2018distributed","title":"Distributed Prioritized Experience Replay",)"
              R"("authors":["Dan Horgan","John Quan","David Budden","Gabriel Barth-Maron","Matteo Hessel",)"
              R"("Hado van Hasselt","David Silver"],"venue":"arXiv","year":2018,"entry_type":"misc",)"
              R"("eprint":"1803.00933","archiveprefix":"arXiv","primaryclass":"cs.LG"})");
    EXPECT_EQ(
        json("MLSYS2021_ec895663"),
        R"({"id":"MLSYS2021_ec895663",)"
        R"("title":"MicroRec: Efficient Recommendation Inference by Hardware and Data Structure Solutions",)"
        R"("authors":["Wenqi Jiang","Zhenhao He","Shuai Zhang","Thomas B. Preußer","Kai Zeng","Liang Feng",)"
        R"("Jiansong Zhang","Tongxuan Liu","Yong Li","Jingren Zhou","Ce Zhang","Gustavo Alonso"],"venue":"MLSys",)"
        R"("year":2021,"url":"https://proceedings.mlsys.org/paper/2021/file/ec8956637a99787bd197eacd77acce5e-Paper.pdf",)"
        R"("entry_type":"inproceedings","booktitle":"Proceedings of Machine Learning and Systems",)"
        R"("editor":"A. Smola and A. Dimakis and I. Stoica","pages":"845–859","volume":"3"})");
    EXPECT_EQ(
        json("2017NVIDIA"),
        R"({"id":"2017NVIDIA",)"
        R"("title":"NVIDIA Tesla V100 GPU Architecture: The World's Most Advanced Datacenter GPU",)"
        R"("authors":["NVIDIA"],"year":2017,"url":"http://www.nvidia.com/object/volta-architecture-whitepaper.html",)"
        R"("entry_type":"misc","howpublished":"Website",)"
        R"("note":"http://www.nvidia.com/object/volta-architecture-whitepaper.html"})");
    // ACM's export: HTML entities, keywords, an abstract.
    const Paper& continuum = *by_id.at("10.1145/3267809.3267817");
    EXPECT_EQ(continuum.title, "Continuum: A Platform for Cost-Aware, Low-Latency Continual Learning");
    EXPECT_EQ(continuum.venue, "SoCC");
    EXPECT_EQ(continuum.year, 2018);
    EXPECT_EQ(continuum.doi, "10.1145/3267809.3267817");
    EXPECT_EQ(continuum.keywords, (Strings{"Competitive Analysis", "Continual Learning System", "Online Algorithm"}));
    EXPECT_EQ(continuum.abstract.substr(0, 60), "Many machine learning applications operate in dynamic enviro");
    EXPECT_EQ(by_id.at("10.1145/3124749.3124754")->title, "Deep & Cross Network for Ad Click Predictions");
    EXPECT_EQ(by_id.at("10.1145/3394486.3403059")->venue, "KDD");
    EXPECT_EQ(by_id.at("10.1145/3394486.3403059")->abstract, "");  // abstract = {}
    EXPECT_EQ(by_id.at("berner2019dota")->authors[4], "Przemysław Dębiak");
    EXPECT_EQ(by_id.at("9355295")->venue, "SC");
}

}  // namespace
}  // namespace mlsys::indexer
