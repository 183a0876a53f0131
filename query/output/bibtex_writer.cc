#include "output/writers.h"

#include "mlsys/schema/identity.h"
#include "mlsys/schema/text.h"
#include "mlsys/schema/venue_names.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace mlsys::query {

namespace {

// Text as LaTeX writes it. Braces become commands rather than \{ \}: BibTeX counts even escaped
// braces when it balances a value, so a lone one would break the entry.
std::string latex_escaped(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '&':
            case '%':
            case '$':
            case '#':
            case '_':
                out += '\\';
                out += c;
                break;
            case '{':
                out += "\\textbraceleft{}";
                break;
            case '}':
                out += "\\textbraceright{}";
                break;
            case '~':
                out += "\\textasciitilde{}";
                break;
            case '^':
                out += "\\textasciicircum{}";
                break;
            case '\\':
                out += "\\textbackslash{}";
                break;
            default:
                out += c;
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
        if (std::isspace(static_cast<unsigned char>(c)) ||
            std::string_view(",{}()\"#%'=\\~").find(c) != std::string_view::npos) {
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

using Fields = std::vector<std::pair<std::string_view, std::string>>;

// The paper's arXiv id (from its URL or DOI, as identity keys read it), or "".
std::string arxiv_id(const Paper& paper) {
    constexpr std::string_view kArxiv = "arxiv:";
    for (const std::string& key : schema::identity_keys(paper)) {
        if (text::starts_with(key, kArxiv)) return key.substr(kArxiv.size());
    }
    return {};
}

// The entry type, and where the venue goes, by the venue's kind (data/venues.tsv): a conference
// or workshop is `@inproceedings` with its full name as booktitle; a journal `@article`; an
// arXiv preprint `@article` with journal "arXiv preprint arXiv:ID", as Google Scholar cites it
// (every style shows a journal), plus the eprint fields biblatex reads. A venue the table does
// not know is cited as a conference, by its name; no venue at all is `@misc`.
std::string_view add_venue(const Paper& paper, Fields& fields) {
    if (paper.venue.empty()) return "misc";
    const VenueName* venue = VenueNames::bundled().find(paper.venue);
    const VenueKind kind = venue ? venue->kind : VenueKind::Conference;
    const std::string name = latex_escaped(venue ? venue->full_name : paper.venue);
    if (kind == VenueKind::Conference || kind == VenueKind::Workshop) {
        fields.emplace_back("booktitle", name);
        return "inproceedings";
    }
    if (kind == VenueKind::Journal) {
        fields.emplace_back("journal", name);
        return "article";
    }
    const std::string id = arxiv_id(paper);
    fields.emplace_back("journal", id.empty() ? name : name + " arXiv:" + latex_escaped(id));
    if (!id.empty()) {
        fields.emplace_back("eprint", verbatim(id));
        fields.emplace_back("archiveprefix", "arXiv");
    }
    return "article";
}

void write_entry(std::ostream& out, const Paper& paper) {
    Fields fields;
    // Double braces keep the title's capitals (acronyms, system names) from styles that
    // lower-case titles.
    fields.emplace_back("title", "{" + latex_escaped(paper.title) + "}");
    if (!paper.authors.empty()) fields.emplace_back("author", authors_field(paper.authors));
    const std::string_view type = add_venue(paper, fields);
    if (paper.year) fields.emplace_back("year", std::to_string(*paper.year));
    if (!paper.doi.empty()) fields.emplace_back("doi", verbatim(paper.doi));
    if (!paper.url.empty()) fields.emplace_back("url", verbatim(paper.url));

    out << '@' << type << '{' << citation_key(paper.id);
    for (const auto& [name, value] : fields) {
        std::string padded(name);
        padded.resize(std::max<std::size_t>(padded.size(), 9), ' ');
        out << ",\n  " << padded << " = {" << value << '}';
    }
    out << "\n}\n\n";
}

}  // namespace

void BibtexWriter::write(const SearchResponse& response, const std::string&) {
    write_notes(response);
    for (const Hit& hit : response.hits) write_paper(hit.paper);
}

void BibtexWriter::write_paper(const Paper& paper) {
    if (written_.insert(paper.id).second) write_entry(out_, paper);
}

}  // namespace mlsys::query
