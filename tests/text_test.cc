// Text helpers: UTF-8 validation, case folding, white space, split/join.
#include "mlsys/schema/text.h"
#include "mlsys/schema/edit_distance.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace mlsys::text {
namespace {

using Parts = std::vector<std::string>;

TEST(InvalidUtf8Offset, ValidTextHasNone) {
    EXPECT_EQ(invalid_utf8_offset(""), std::nullopt);
    EXPECT_EQ(invalid_utf8_offset("plain ASCII, 100%"), std::nullopt);
    EXPECT_EQ(invalid_utf8_offset("caf\xC3\xA9"), std::nullopt);                // é: 2 bytes
    EXPECT_EQ(invalid_utf8_offset("\xE6\x97\xA5\xE6\x9C\xAC"), std::nullopt);   // 日本: 3 bytes each
    EXPECT_EQ(invalid_utf8_offset("\xF0\x9F\x98\x80 smile"), std::nullopt);     // U+1F600: 4 bytes
    EXPECT_EQ(invalid_utf8_offset("\xED\x9F\xBF"), std::nullopt);               // U+D7FF, just below surrogates
    EXPECT_EQ(invalid_utf8_offset("\xEE\x80\x80"), std::nullopt);               // U+E000, just above
    EXPECT_EQ(invalid_utf8_offset("\xF4\x8F\xBF\xBF"), std::nullopt);           // U+10FFFF, the last
    EXPECT_EQ(invalid_utf8_offset(std::string_view("a\0b", 3)), std::nullopt);  // NUL is valid UTF-8
}

TEST(InvalidUtf8Offset, TruncatedSequence) {
    EXPECT_EQ(invalid_utf8_offset("ab\xE2\x82"), 2u);  // 3-byte sequence cut at the end
    EXPECT_EQ(invalid_utf8_offset("\xE2\x82x"), 0u);   // continuation byte missing
    EXPECT_EQ(invalid_utf8_offset("\xF0\x9F\x98"), 0u);
    EXPECT_EQ(invalid_utf8_offset("x\xC3"), 1u);
}

TEST(InvalidUtf8Offset, OverlongForms) {
    EXPECT_EQ(invalid_utf8_offset("\xC0\xAF"), 0u);  // '/' in 2 bytes
    EXPECT_EQ(invalid_utf8_offset("ok\xC1\xBF"), 2u);
    EXPECT_EQ(invalid_utf8_offset("\xE0\x80\xAF"), 0u);      // '/' in 3 bytes
    EXPECT_EQ(invalid_utf8_offset("\xF0\x80\x80\xAF"), 0u);  // '/' in 4 bytes
}

TEST(InvalidUtf8Offset, Surrogates) {
    EXPECT_EQ(invalid_utf8_offset("\xED\xA0\x80"), 0u);   // U+D800
    EXPECT_EQ(invalid_utf8_offset("a\xED\xBF\xBF"), 1u);  // U+DFFF
}

TEST(InvalidUtf8Offset, PastU10FFFF) {
    EXPECT_EQ(invalid_utf8_offset("\xF4\x90\x80\x80"), 0u);
    EXPECT_EQ(invalid_utf8_offset("\xF5\x80\x80\x80"), 0u);
}

TEST(InvalidUtf8Offset, StrayBytes) {
    EXPECT_EQ(invalid_utf8_offset("\x80"), 0u);  // a continuation byte with no lead
    EXPECT_EQ(invalid_utf8_offset("abc\xFF"), 3u);
    EXPECT_EQ(invalid_utf8_offset("\xF8\x88\x80\x80\x80"), 0u);  // 5-byte forms are not UTF-8
}

TEST(InvalidUtf8Offset, IsTheOffsetOfTheFirstBadByte) {
    // 'a' (1 byte), 'é' (2 bytes), then the first bad byte at offset 3; a later one is ignored.
    EXPECT_EQ(invalid_utf8_offset("a\xC3\xA9\xFF"
                                  "b\xFF"),
              3u);
    EXPECT_EQ(invalid_utf8_offset("\xF0\x9F\x98\x80\xC0\xAF"), 4u);
}

TEST(Lower, FoldsAsciiAndNonAscii) {
    EXPECT_EQ(lower("HeLLo World"), "hello world");
    EXPECT_EQ(lower("\xC3\x89"), "\xC3\xA9");  // É → é
    EXPECT_EQ(lower("\xC3\x89"
                    "COLE Normale"),
              "\xC3\xA9"
              "cole normale");
    EXPECT_EQ(lower("\xCE\x94\xCE\x95"), "\xCE\xB4\xCE\xB5");  // ΔΕ → δε
    EXPECT_EQ(lower("OSDI'18: 100%"), "osdi'18: 100%");
    EXPECT_EQ(lower(""), "");
}

TEST(SqueezeSpaces, TrimsAndFoldsRuns) {
    EXPECT_EQ(squeeze_spaces("  a \t b\n\nc  "), "a b c");
    EXPECT_EQ(squeeze_spaces("abc"), "abc");
    EXPECT_EQ(squeeze_spaces(""), "");
    EXPECT_EQ(squeeze_spaces(" \t\r\n "), "");
    EXPECT_EQ(squeeze_spaces("Deep learning\r"), "Deep learning");
    EXPECT_EQ(squeeze_spaces("caf\xC3\xA9  au\tlait"), "caf\xC3\xA9 au lait");
}

TEST(Split, KeepsEmptyParts) {
    EXPECT_EQ(split("a/b/c", '/'), (Parts{"a", "b", "c"}));
    EXPECT_EQ(split("abc", '/'), (Parts{"abc"}));
    EXPECT_EQ(split("", '/'), (Parts{""}));
    EXPECT_EQ(split("a//b/", '/'), (Parts{"a", "", "b", ""}));
    EXPECT_EQ(split("/a", '/'), (Parts{"", "a"}));
    EXPECT_EQ(split("x\tOSDI\n", '\t'), (Parts{"x", "OSDI\n"}));
}

TEST(Join, JoinsWithSeparator) {
    EXPECT_EQ(join({}, ", "), "");
    EXPECT_EQ(join({"x"}, ", "), "x");
    EXPECT_EQ(join({"a", "b", "c"}, ", "), "a, b, c");
    EXPECT_EQ(join({"", ""}, "/"), "/");
}

TEST(SplitJoin, JoinUndoesSplit) {
    for (const std::string s : {"", "a", "a/b", "/a//b/", "//"}) EXPECT_EQ(join(split(s, '/'), "/"), s) << s;
}

TEST(StartsWith, ComparesThePrefix) {
    EXPECT_TRUE(starts_with("title:serving", "title:"));
    EXPECT_TRUE(starts_with("abc", ""));
    EXPECT_TRUE(starts_with("", ""));
    EXPECT_TRUE(starts_with("abc", "abc"));
    EXPECT_FALSE(starts_with("ti", "title"));
    EXPECT_FALSE(starts_with("Title:", "title:"));
    EXPECT_FALSE(starts_with("", "a"));
}

TEST(EditDistance, CountsInsertionsDeletionsReplacementsAndSwaps) {
    EXPECT_EQ(edit_distance("format", "format"), 0u);
    EXPECT_EQ(edit_distance("fromat", "format"), 1u);  // a swap
    EXPECT_EQ(edit_distance("limt", "limit"), 1u);
    EXPECT_EQ(edit_distance("icfp", "icml"), 2u);
    EXPECT_EQ(edit_distance("", "abc"), 3u);
}

TEST(Closest, NearestFirstWithinTheBoundCaseIgnored) {
    const std::vector<std::string> venues{"NSDI", "OSDI", "SOSP", "ICML"};
    EXPECT_EQ(closest("osdy", venues, 3, 2), (std::vector<std::string>{"OSDI", "NSDI"}));
    EXPECT_EQ(closest("osdy", venues, 1, 2), std::vector<std::string>{"OSDI"});
    EXPECT_EQ(closest("xyzzy", venues, 3, 2), std::vector<std::string>{});
}

}  // namespace
}  // namespace mlsys::text
