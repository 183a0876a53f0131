#include "mlsys/schema/identity.h"

#include "mlsys/schema/analysis.h"
#include "mlsys/schema/schema.h"
#include "mlsys/schema/text.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <initializer_list>
#include <optional>
#include <set>

namespace mlsys::schema {

namespace {

bool is_letter_or_digit(utf8proc_int32_t code_point) {
    switch (utf8proc_category(code_point)) {
        case UTF8PROC_CATEGORY_LU:
        case UTF8PROC_CATEGORY_LL:
        case UTF8PROC_CATEGORY_LT:
        case UTF8PROC_CATEGORY_LM:
        case UTF8PROC_CATEGORY_LO:
        case UTF8PROC_CATEGORY_ND:
        case UTF8PROC_CATEGORY_NL:
        case UTF8PROC_CATEGORY_NO:
            return true;
        default:
            return false;
    }
}

// Words of `s` (analysis::fold: "Martín" and "MARTIN", "Tux²" and "tux2" agree) joined by single spaces; every
// character that is not a letter or a digit (punctuation, curly quotes, symbols, space) separates words.
std::string words_of(std::string_view s) {
    const std::string text = analysis::fold(s);
    const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    std::string key;
    for (utf8proc_ssize_t at = 0; at < static_cast<utf8proc_ssize_t>(text.size());) {
        utf8proc_int32_t code_point = 0;
        const utf8proc_ssize_t length =
            utf8proc_iterate(bytes + at, static_cast<utf8proc_ssize_t>(text.size()) - at, &code_point);
        if (length <= 0) break;  // fold() gave valid UTF-8; stop rather than loop on a bad byte
        if (code_point == '{' || code_point == '}') {
            // LaTeX's case-keeping braces ("{U}rn") are no word boundary.
        } else if (is_letter_or_digit(code_point)) {
            key.append(text, static_cast<std::size_t>(at), static_cast<std::size_t>(length));
        } else if (!key.empty() && key.back() != ' ') {
            key += ' ';
        }
        at += length;
    }
    while (!key.empty() && key.back() == ' ') key.pop_back();
    return key;
}

std::string normalised_doi(std::string doi) {
    doi = text::lower(text::squeeze_spaces(doi));
    for (const std::string_view lead :
         {"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "doi:"}) {
        if (text::starts_with(doi, lead)) doi.erase(0, lead.size());
    }
    return text::starts_with(doi, "10.") ? doi : std::string();
}

// The text after the first of `leads` found in `s` (lower-cased), or nullopt.
std::optional<std::string> after_any(const std::string& s, std::initializer_list<std::string_view> leads) {
    for (const std::string_view lead : leads) {
        const std::size_t at = s.find(lead);
        if (at != std::string::npos) return s.substr(at + lead.size());
    }
    return std::nullopt;
}

std::string up_to_any(const std::string& s, std::string_view stops) {
    return s.substr(0, s.find_first_of(stops));
}

// The DOI inside a link to a publisher's page (doi.org/10..., dl.acm.org/doi/10...).
std::string doi_in_url(const std::string& url) {
    const auto rest = after_any(text::lower(url), {"doi.org/", "/doi/abs/", "/doi/pdf/", "/doi/full/", "/doi/"});
    return rest ? normalised_doi(up_to_any(*rest, " \t?#")) : std::string();
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// An arXiv id after "arxiv.org/abs/", "arXiv:" or arXiv's DOI: new style (1802.05799) or old
// style (cs/0112017), the version left out.
std::string arxiv_id_in(const std::string& s) {
    const auto rest = after_any(text::lower(s), {"arxiv.org/abs/", "arxiv.org/pdf/", "10.48550/arxiv.", "arxiv:"});
    if (!rest) return {};
    std::string id = up_to_any(text::squeeze_spaces(*rest), " \tv?#");
    if (text::starts_with(id.substr(id.size() >= 4 ? id.size() - 4 : 0), ".pdf")) id.resize(id.size() - 4);
    const std::size_t dot = id.find('.');
    const bool new_style =
        dot == 4 && all_digits(id.substr(0, 4)) && all_digits(id.substr(5)) && id.size() >= 9 && id.size() <= 10;
    const std::size_t slash = id.find('/');
    const bool old_style =
        slash != std::string::npos && slash > 0 && all_digits(id.substr(slash + 1)) && id.size() - slash - 1 == 7;
    return new_style || old_style ? id : std::string();
}

bool is_semantic_scholar_id(std::string_view id) {
    return id.size() == 40 &&
           std::all_of(id.begin(), id.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// Semantic Scholar's paper pages end in the sha: /paper/<sha> or /paper/<title-slug>/<sha>.
std::string semantic_scholar_id_in(const std::string& url) {
    const auto rest = after_any(url, {"semanticscholar.org/paper/"});
    if (!rest) return {};
    std::string path = up_to_any(*rest, "?#");
    while (!path.empty() && path.back() == '/') path.pop_back();
    const std::string last = path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);
    return is_semantic_scholar_id(last) ? last : std::string();
}

std::string surname(const std::string& author) {
    const std::string words = words_of(author);
    const std::size_t space = words.rfind(' ');
    return space == std::string::npos ? words : words.substr(space + 1);
}

bool authors_share_a_surname(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    std::set<std::string> surnames;
    for (const std::string& author : a) surnames.insert(surname(author));
    return std::any_of(b.begin(), b.end(), [&](const std::string& author) { return surnames.count(surname(author)); });
}

}  // namespace

std::vector<std::string> identity_keys(const Paper& paper) {
    std::set<std::string> keys;
    const auto add = [&](const std::string& kind, const std::string& value) {
        if (!value.empty()) keys.insert(kind + ":" + value);
    };
    add("doi", normalised_doi(paper.doi));
    add("doi", doi_in_url(paper.url));
    add("arxiv", arxiv_id_in(paper.url));
    add("arxiv", arxiv_id_in(paper.doi));
    add("s2", semantic_scholar_id_in(paper.url));
    if (is_semantic_scholar_id(paper.id)) add("s2", paper.id);
    for (const std::string& alias : paper.aliases) {
        if (is_semantic_scholar_id(alias)) add("s2", alias);
    }
    return {keys.begin(), keys.end()};
}

std::string title_key(std::string_view title) {
    return words_of(title);
}

bool same_paper_by_title(const Paper& a, const Paper& b) {
    const std::string key = title_key(a.title);
    if (key.empty() || key != title_key(b.title)) return false;
    // Without years (BEIR corpora) a title alone is too little: two abstracts may share one.
    if (!a.year || !b.year) return false;
    const int years_apart = std::abs(*a.year - *b.year);
    const bool same_venue = !a.venue.empty() && text::lower(a.venue) == text::lower(b.venue);
    if (a.authors.empty() || b.authors.empty()) {
        return years_apart <= kMaxYearsApart || (same_venue && years_apart <= kMaxYearsApartWithAuthors);
    }
    if (!authors_share_a_surname(a.authors, b.authors)) return false;
    return years_apart <= kMaxYearsApartWithAuthors || same_venue;
}

std::string title_identity_term(std::string_view title) {
    const std::string key = title_key(title);
    if (key.empty()) return {};
    std::string term = std::string(kIdentityPrefix) + "title:" + key;
    if (term.size() > kMaxTermBytes) term = std::string(kIdentityPrefix) + "title#" + text::stable_hash(key);
    return term;
}

std::vector<std::string> identity_terms(const Paper& paper) {
    std::vector<std::string> terms;
    for (const std::string& key : identity_keys(paper)) {
        std::string term = std::string(kIdentityPrefix) + key;
        if (term.size() <= kMaxTermBytes) terms.push_back(std::move(term));
    }
    if (std::string title = title_identity_term(paper.title); !title.empty()) terms.push_back(std::move(title));
    return terms;
}

}  // namespace mlsys::schema
