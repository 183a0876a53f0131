// The page's files (serve/assets/), compiled into the binary by CMake: the server serves these
// and nothing else from disk.
#pragma once

#include <string_view>

namespace mlsys::serve {

struct Asset {
    std::string_view path;  // as requested: "/", "/app.js"
    std::string_view content_type;
    std::string_view body;
};

// Every embedded file; the generated assets.cc defines it.
const Asset* find_asset(std::string_view path);

}  // namespace mlsys::serve
