#include "collection/short_ids.h"

#include "mlsys/schema/analysis.h"
#include "mlsys/schema/identity.h"
#include "mlsys/schema/text.h"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace mlsys::indexer {

namespace {

constexpr std::size_t kMaxVenueSlug = 10;
constexpr std::size_t kMaxShortNameWords = 2;  // "Parameter Hub: …" is a name; a longer head is a sentence

bool is_ascii_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// The ASCII letters and digits of a folded word ("Tux²" → "tux2", "Pólya" → "polya").
std::string ascii_slug(std::string_view word) {
    std::string slug;
    for (const char c : schema::title_key(word)) {
        if (is_ascii_alnum(c)) slug += c;
    }
    return slug;
}

std::vector<std::string> slugs_of(std::string_view text) {
    std::vector<std::string> slugs;
    for (const std::string& word : text::split(schema::title_key(text), ' ')) {
        if (std::string slug = ascii_slug(word); !slug.empty()) slugs.push_back(std::move(slug));
    }
    return slugs;
}

bool is_stopword(const std::string& word) {
    return analysis::stopper()(word) || word == "towards";
}

struct NameWords {
    std::vector<std::string> words;  // best first
    std::size_t first_count = 1;     // how many the shortest id takes: a short name whole
};

// The words an id names the paper by: a short name before the colon, then the title's other
// words without stopwords (all of them if that leaves none).
NameWords name_words(const std::string& title) {
    const std::size_t colon = title.find(':');
    NameWords name;
    if (colon != std::string::npos) {
        const std::vector<std::string> head = slugs_of(title.substr(0, colon));
        if (!head.empty() && head.size() <= kMaxShortNameWords) {
            name.words = head;
            name.first_count = head.size();
            for (std::string& word : slugs_of(title.substr(colon + 1))) {
                if (!is_stopword(word)) name.words.push_back(std::move(word));
            }
            return name;
        }
    }
    const std::vector<std::string> all = slugs_of(title);
    std::copy_if(all.begin(), all.end(), std::back_inserter(name.words), [](const auto& w) { return !is_stopword(w); });
    if (name.words.empty()) name.words = all;
    return name;
}

std::string venue_year_prefix(const Paper& paper) {
    const std::string venue = ascii_slug(paper.venue).substr(0, kMaxVenueSlug);
    if (!paper.year) return venue;
    char year[8];
    std::snprintf(year, sizeof year, venue.empty() ? "%04d" : "%02d", venue.empty() ? *paper.year : *paper.year % 100);
    return venue + year;
}

// prefix-w1-…-wn, cut to kMaxIdLength at a word boundary (a first word too long is cut).
std::string joined(const std::string& prefix, const std::vector<std::string>& words, std::size_t count) {
    std::string id = prefix;
    for (std::size_t i = 0; i < count && i < words.size(); ++i) {
        const std::string part = (id.empty() ? "" : "-") + words[i];
        if (id.size() + part.size() > kMaxIdLength) {
            if (i == 0) id += part.substr(0, kMaxIdLength - id.size());
            break;
        }
        id += part;
    }
    while (!id.empty() && id.back() == '-') id.pop_back();
    return id.empty() ? "paper" : id;
}

}  // namespace

bool is_typeable_id(std::string_view id) {
    const bool machine_hash = id.size() >= 20 && std::all_of(id.begin(), id.end(), [](char c) {
                                  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                              });
    return !id.empty() && id.size() <= kMaxIdLength && !machine_hash;
}

std::string short_paper_id(const Paper& paper, const std::function<bool(const std::string&)>& taken) {
    const std::string prefix = venue_year_prefix(paper);
    const NameWords name = name_words(paper.title);
    std::string longest;
    for (std::size_t count = name.first_count; count <= std::max<std::size_t>(1, name.words.size()); ++count) {
        std::string id = joined(prefix, name.words, count);
        if (id == longest) break;  // no more words fit
        if (!taken(id)) return id;
        longest = std::move(id);
    }
    for (int suffix = 2;; ++suffix) {
        const std::string tail = "-" + std::to_string(suffix);
        std::string id = longest.substr(0, kMaxIdLength - tail.size());
        while (!id.empty() && id.back() == '-') id.pop_back();
        id += tail;
        if (!taken(id)) return id;
    }
}

}  // namespace mlsys::indexer
