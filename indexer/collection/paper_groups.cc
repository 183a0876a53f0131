#include "collection/paper_groups.h"

#include "mlsys/schema/identity.h"

#include <algorithm>
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

// Unites records by identity keys, and records of one title key pairwise (a title shared by two
// different papers, by other authors or years far apart, keeps them apart), in one reading.
void unite_same_papers(std::size_t count, const RecordPapers& paper_of, DisjointSets& sets) {
    std::unordered_map<std::string, std::size_t> first_with_key;
    std::unordered_map<std::string, std::vector<std::size_t>> by_title;
    for (std::size_t i = 0; i < count; ++i) {
        const Paper paper = paper_of(i);
        for (const std::string& key : schema::identity_keys(paper)) {
            const auto [it, inserted] = first_with_key.emplace(key, i);
            if (!inserted) sets.unite(it->second, i);
        }
        // No year or no title: no title match (same_paper_by_title), and no quadratic bucket.
        std::string key = paper.year ? schema::title_key(paper.title) : std::string();
        if (key.empty()) continue;
        std::vector<std::size_t>& earlier = by_title[std::move(key)];
        for (const std::size_t j : earlier) {
            if (schema::same_paper_by_title(paper_of(j), paper)) sets.unite(j, i);
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

std::vector<PaperGroup> group_same_papers(std::size_t count, const RecordPapers& paper_of) {
    DisjointSets sets(count);
    unite_same_papers(count, paper_of, sets);
    std::vector<PaperGroup> groups;
    std::vector<std::size_t> group_of_root(count);  // roots are first records: groups come in input order
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t root = sets.find(i);
        if (root == i) {
            group_of_root[i] = groups.size();
            groups.push_back({{i}, {}});
            continue;
        }
        PaperGroup& group = groups[group_of_root[root]];
        // Joined through another member, perhaps: name the first member it shares a key with.
        const Paper paper = paper_of(i);
        std::string why;
        for (const std::size_t j : group.members) {
            why = shared_identity(paper_of(j), paper);
            if (!why.empty()) break;
        }
        group.matched_by.push_back(why.empty() ? "title" : why);
        group.members.push_back(i);
    }
    return groups;
}

}  // namespace mlsys::indexer
