#include "mlsys/schema/analysis.h"

#include "mlsys/schema/bundled_data.h"
#include "mlsys/schema/schema.h"
#include "mlsys/schema/text.h"

namespace mlsys::analysis {

Xapian::Stem stemmer() { return Xapian::Stem("english"); }

const Xapian::SimpleStopper& stopper() {
    // Stoppers cannot be copied: fill the one static in place, once.
    static Xapian::SimpleStopper words;
    static const bool filled = [] {
        for (const std::string& line : text::split(bundled::stopwords_txt(), '\n')) {
            const std::string word = text::squeeze_spaces(line);
            if (!word.empty() && word[0] != '#') words.add(word);
        }
        return true;
    }();
    (void)filled;
    return words;
}

std::string normalise_category(std::string_view category) {
    std::vector<std::string> segments;
    for (const std::string& segment : text::split(category, schema::kPathSeparator)) {
        std::string squeezed = text::squeeze_spaces(segment);
        if (!squeezed.empty()) segments.push_back(std::move(squeezed));
    }
    return text::join(segments, std::string(1, schema::kPathSeparator));
}

std::vector<std::string> category_paths(std::string_view category) {
    std::vector<std::string> paths;
    std::string path;
    for (const std::string& segment : text::split(normalise_category(category), schema::kPathSeparator)) {
        if (segment.empty()) continue;
        if (!path.empty()) path += schema::kPathSeparator;
        path += segment;
        paths.push_back(path);
    }
    return paths;
}

}  // namespace mlsys::analysis
