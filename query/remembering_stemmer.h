// A stemmer that remembers each word's stem, for snippets.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <unordered_map>
#include <utility>

namespace mlsys::query {

// A snippet stems every word of each shown abstract to compare it with the query's stemmed
// terms, and the same words come back query after query: this gives the stems `stemmer` gives,
// each worked out once. Bounded: past `max_words` it starts afresh. Not thread-safe, as no
// Xapian object is: one per Searcher. Wrap it as Xapian::Stem(new RememberingStemmer(...)).
class RememberingStemmer : public Xapian::StemImplementation {
  public:
    static constexpr std::size_t kDefaultMaxWords = 1U << 15;  // a few MB

    explicit RememberingStemmer(Xapian::Stem stemmer, std::size_t max_words = kDefaultMaxWords)
        : stemmer_(std::move(stemmer)), max_words_(max_words) {}

    std::string operator()(const std::string& word) override {
        if (const auto it = stems_.find(word); it != stems_.end()) return it->second;
        if (stems_.size() >= max_words_) stems_.clear();
        return stems_.emplace(word, stemmer_(word)).first->second;
    }
    std::string get_description() const override { return "remembering " + stemmer_.get_description(); }

    // How many words' stems it holds now.
    std::size_t words() const { return stems_.size(); }

  private:
    Xapian::Stem stemmer_;
    const std::size_t max_words_;
    std::unordered_map<std::string, std::string> stems_;
};

}  // namespace mlsys::query
