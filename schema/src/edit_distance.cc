#include "mlsys/schema/edit_distance.h"

#include "mlsys/schema/text.h"

#include <algorithm>
#include <utility>

namespace mlsys::text {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // Rows of the optimal-string-alignment table: two back, the last one, this one.
    std::vector<std::size_t> before(b.size() + 1), last(b.size() + 1), row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) last[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t replace = last[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            row[j] = std::min({last[j] + 1, row[j - 1] + 1, replace});
            const bool swapped = i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1];
            if (swapped) row[j] = std::min(row[j], before[j - 2] + 1);
        }
        std::swap(before, last);
        std::swap(last, row);
    }
    return last[b.size()];
}

std::vector<std::string> closest(std::string_view typed, const std::vector<std::string>& candidates, std::size_t count,
                                 std::size_t bound) {
    const std::string wanted = lower(typed);
    std::vector<std::pair<std::size_t, std::size_t>> near;  // (edits, index in candidates)
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const std::size_t edits = edit_distance(wanted, lower(candidates[i]));
        if (edits <= bound) near.emplace_back(edits, i);
    }
    std::stable_sort(near.begin(), near.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    std::vector<std::string> names;
    for (std::size_t i = 0; i < near.size() && i < count; ++i) names.push_back(candidates[near[i].second]);
    return names;
}

}  // namespace mlsys::text
