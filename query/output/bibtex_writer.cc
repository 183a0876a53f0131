#include "output/writers.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace mlsys::query {

namespace {

// Venues cited as journals: PVLDB and arXiv (CoRR) by convention, and anything named like one.
bool is_journal(const std::string& venue) {
    static const std::array<std::string_view, 2> kJournals{"VLDB", "arXiv"};
    static const std::array<std::string_view, 5> kJournalWords{"Journal", "Transactions", "Letters", "Magazine",
                                                               "Communications of"};
    if (std::find(kJournals.begin(), kJournals.end(), venue) != kJournals.end()) return true;
    return std::any_of(kJournalWords.begin(), kJournalWords.end(),
                       [&](std::string_view word) { return venue.find(word) != std::string::npos; });
}

// Text as LaTeX writes it. Braces become commands rather than \{ \}: BibTeX counts even escaped
// braces when it balances a value, so a lone one would break the entry.
std::string latex_escaped(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '&': case '%': case '$': case '#': case '_': out += '\\'; out += c; break;
            case '{': out += "\\textbraceleft{}"; break;
            case '}': out += "\\textbraceright{}"; break;
            case '~': out += "\\textasciitilde{}"; break;
            case '^': out += "\\textasciicircum{}"; break;
            case '\\': out += "\\textbackslash{}"; break;
            default: out += c;
        }
    }
    return out;
}

// BibTeX splits the author field on " and " and reads "A, B" as "Last, First": a name that
// contains either is braced, so it stays one name as written.
std::string author_name(const std::string& name) {
    const std::string escaped = latex_escaped(name);
    const bool ambiguous = name.find(',') != std::string::npos || name.find(" and ") != std::string::npos;
    return ambiguous ? "{" + escaped + "}" : escaped;
}

std::string authors_field(const std::vector<std::string>& authors) {
    std::string field;
    for (const std::string& name : authors) field += (field.empty() ? "" : " and ") + author_name(name);
    return field;
}

// The id, with the few characters BibTeX does not allow in a key replaced by '-'.
std::string citation_key(const std::string& id) {
    std::string key = id;
    for (char& c : key) {
        if (std::isspace(static_cast<unsigned char>(c)) || std::string_view(",{}()\"#%'=\\~").find(c) != std::string_view::npos) {
            c = '-';
        }
    }
    return key;
}

// A URL or DOI as written: LaTeX's \url and \doi take them verbatim.
std::string verbatim(const std::string& value) {
    std::string out;
    for (const char c : value) {
        if (c != '{' && c != '}') out += c;
    }
    return out;
}

void write_entry(std::ostream& out, const Paper& paper) {
    std::vector<std::pair<std::string_view, std::string>> fields;
    // Double braces keep the title's capitals (acronyms, system names) from styles that
    // lower-case titles.
    fields.emplace_back("title", "{" + latex_escaped(paper.title) + "}");
    if (!paper.authors.empty()) fields.emplace_back("author", authors_field(paper.authors));
    const bool journal = !paper.venue.empty() && is_journal(paper.venue);
    if (!paper.venue.empty()) fields.emplace_back(journal ? "journal" : "booktitle", latex_escaped(paper.venue));
    if (paper.year) fields.emplace_back("year", std::to_string(*paper.year));
    if (!paper.doi.empty()) fields.emplace_back("doi", verbatim(paper.doi));
    if (!paper.url.empty()) fields.emplace_back("url", verbatim(paper.url));

    const std::string_view type = paper.venue.empty() ? "misc" : journal ? "article" : "inproceedings";
    out << '@' << type << '{' << citation_key(paper.id);
    for (const auto& [name, value] : fields) {
        std::string padded(name);
        padded.resize(9, ' ');
        out << ",\n  " << padded << " = {" << value << '}';
    }
    out << "\n}\n\n";
}

}  // namespace

void BibtexWriter::write(const SearchResponse& response, const std::string&) {
    write_notes(response);
    for (const Hit& hit : response.hits) {
        if (written_.insert(hit.paper.id).second) write_entry(out_, hit.paper);
    }
}

}  // namespace mlsys::query
