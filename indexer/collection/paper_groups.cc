#include "collection/paper_groups.h"

#include "mlsys/schema/identity.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <unordered_map>

namespace mlsys::indexer {

namespace {

class DisjointSets {
  public:
    explicit DisjointSets(std::size_t size) : parent_(size) { std::iota(parent_.begin(), parent_.end(), 0); }
    std::size_t find(std::size_t i) {
        while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
        return i;
    }
    // The lower index stays the root, so a group's root is its first record.
    void unite(std::size_t a, std::size_t b) {
        a = find(a);
        b = find(b);
        if (a != b) parent_[std::max(a, b)] = std::min(a, b);
    }

  private:
    std::vector<std::size_t> parent_;
};

void unite_by_keys(const std::vector<const Paper*>& records, DisjointSets& sets) {
    std::unordered_map<std::string, std::size_t> first_with_key;
    for (std::size_t i = 0; i < records.size(); ++i) {
        for (const std::string& key : schema::identity_keys(*records[i])) {
            const auto [it, inserted] = first_with_key.emplace(key, i);
            if (!inserted) sets.unite(it->second, i);
        }
    }
}

// Records with one title key are compared pairwise: a title shared by two different papers
// (different authors, years far apart) keeps them apart.
void unite_by_titles(const std::vector<const Paper*>& records, DisjointSets& sets) {
    std::unordered_map<std::string, std::vector<std::size_t>> by_title;
    for (std::size_t i = 0; i < records.size(); ++i) {
        // No year or no title: no title match (same_paper_by_title), and no quadratic bucket.
        std::string key = records[i]->year ? schema::title_key(records[i]->title) : std::string();
        if (key.empty()) continue;
        std::vector<std::size_t>& earlier = by_title[std::move(key)];
        for (const std::size_t j : earlier) {
            if (schema::same_paper_by_title(*records[j], *records[i])) sets.unite(j, i);
        }
        earlier.push_back(i);
    }
}

}  // namespace

std::string shared_identity(const Paper& a, const Paper& b) {
    const std::vector<std::string> keys_a = schema::identity_keys(a);
    for (const std::string& key : schema::identity_keys(b)) {
        if (std::find(keys_a.begin(), keys_a.end(), key) != keys_a.end()) return key;
    }
    return schema::same_paper_by_title(a, b) ? "title" : "";
}

std::vector<PaperGroup> group_same_papers(const std::vector<const Paper*>& records) {
    DisjointSets sets(records.size());
    unite_by_keys(records, sets);
    unite_by_titles(records, sets);
    std::map<std::size_t, PaperGroup> by_root;  // roots are first records: ordered as the input
    for (std::size_t i = 0; i < records.size(); ++i) {
        PaperGroup& group = by_root[sets.find(i)];
        if (!group.members.empty()) {
            // Joined through another member, perhaps: name the first member it shares a key with.
            std::string why;
            for (const std::size_t j : group.members) {
                why = shared_identity(*records[j], *records[i]);
                if (!why.empty()) break;
            }
            group.matched_by.push_back(why.empty() ? "title" : why);
        }
        group.members.push_back(i);
    }
    std::vector<PaperGroup> groups;
    groups.reserve(by_root.size());
    for (auto& [root, group] : by_root) groups.push_back(std::move(group));
    return groups;
}

}  // namespace mlsys::indexer
